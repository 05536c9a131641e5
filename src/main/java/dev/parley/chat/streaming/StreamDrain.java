package dev.parley.chat.streaming;

import dev.parley.chat.entity.MessageStatus;
import dev.parley.platform.errors.ErrorResponse;
import dev.parley.platform.errors.Overloaded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Graceful shutdown of the streams on this instance: new streams are refused with 503 at once, open
 * ones may finish within the grace period, and those still running then are cut off: their text so
 * far is stored as interrupted and their clients get an error event. Whatever a hard stop still
 * loses (a kill, a crash) is the last checkpoint's worth of text, which recovery marks interrupted
 * at the next start.
 */
@ApplicationScoped
public class StreamDrain {

  /** How long cut-off streams get to store their outcome before the instance stops anyway. */
  static final Duration STORE_WAIT = Duration.ofSeconds(5);

  private static final Logger LOG = Logger.getLogger(StreamDrain.class.getName());

  @Inject StreamAdmission admission;
  @Inject LiveReplies live;
  @Inject ReplyFollowers followers;
  @Inject ReplyGrid grid;

  @Inject
  @ConfigProperty(name = "parley.shutdown.grace-ms")
  long graceMs;

  /**
   * Loads what cutting a stream off needs that a healthy run may never have used. On SIGTERM Payara
   * Micro closes the application's class loader at once and only keeps connections open for its
   * grace: from then on a class not loaded yet is a {@code NoClassDefFoundError}.
   */
  public void prepare() {
    new ErrorResponse(ReplyReader.CUT_OFF).toJson();
    new ReplyReader.Outcome(
        MessageStatus.INTERRUPTED,
        null,
        "interrupted",
        new Overloaded(ReplyReader.CUT_OFF, StreamAdmission.RETRY_AFTER));
    // the end of a cut-off reply as its followers learn it, here and on other instances
    for (MessageStatus status : MessageStatus.values()) {
      Endings.of(status, ReplyReader.CUT_OFF, LiveReply.Cancel.DISCONNECT);
    }
    GridMessage.decode(new GridMessage(GridMessage.Kind.END, 1, 0, "instance", "").encode());
    new ReplyTail.Chunk("", 0, new ReplyTail.Ending(MessageStatus.INTERRUPTED, null));
    grid.prepare();
  }

  /** The longest a drain takes: the grace period, then the wait for cut-off streams to store. */
  public Duration longestDrain() {
    return Duration.ofMillis(graceMs).plus(STORE_WAIT);
  }

  public void drain() {
    admission.stopAdmitting();
    int released = followers.releaseRemote();
    if (released > 0) {
      LOG.info(
          () ->
              "shutting down: "
                  + released
                  + " followers of replies on other instances disconnected to resume elsewhere");
    }
    int open = admission.openStreams();
    if (open == 0) {
      return;
    }
    LOG.info(() -> "shutting down: waiting up to " + graceMs + " ms for " + open + " open streams");
    if (awaitNone(admission::openStreams, Duration.ofMillis(graceMs))) {
      LOG.info("shutting down: all streams finished");
      return;
    }
    int cut = 0;
    for (LiveReply reply : live.all()) {
      reply.cutOff();
      cut++;
    }
    int cutOff = cut;
    LOG.warning(() -> "shutting down: cut off " + cutOff + " streams still open after the grace");
    if (!awaitNone(admission::openStreams, STORE_WAIT)) {
      LOG.warning(
          () ->
              admission.openStreams()
                  + " streams did not store their outcome in time; their last checkpoint stays and"
                  + " is marked interrupted at the next start");
    }
  }

  /** Polls until {@code count} reaches zero; false if it had not by the deadline. */
  static boolean awaitNone(IntSupplier count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count.getAsInt() > 0) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
