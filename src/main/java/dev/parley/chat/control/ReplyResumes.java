package dev.parley.chat.control;

import dev.parley.chat.entity.MessageStatus;
import dev.parley.chat.entity.ReplyState;
import dev.parley.chat.entity.StopView;
import dev.parley.chat.streaming.Endings;
import dev.parley.chat.streaming.LiveReplies;
import dev.parley.chat.streaming.LiveReply;
import dev.parley.chat.streaming.RemoteReply;
import dev.parley.chat.streaming.ReplyEventId;
import dev.parley.chat.streaming.ReplyFollowers;
import dev.parley.chat.streaming.ReplyGrid;
import dev.parley.platform.errors.BadRequest;
import dev.parley.platform.errors.NotFound;
import dev.parley.platform.errors.Overloaded;
import dev.parley.security.entity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.Optional;

/**
 * Resuming and stopping a session's reply, from any instance. A resume sends the text the client
 * has not seen (after the offset of its {@code Last-Event-ID}) and follows the reply live to {@code
 * [DONE]} ({@link ReplyFollowers}); a stop ends the running reply on whichever instance generates
 * it and answers once its partial text is stored as cancelled.
 */
@ApplicationScoped
public class ReplyResumes {

  /** How long a stop waits for the generating instance to store the cancelled reply. */
  static final Duration STOP_WAIT = Duration.ofSeconds(5);

  static final String NO_REPLY = "this session has no reply yet";

  @Inject ChatSessions sessions;
  @Inject ReplyFollowers followers;
  @Inject LiveReplies live;
  @Inject ReplyGrid grid;

  /** A reply to follow: as stored when the client asked, and where the client is in it. */
  public record Resumable(ReplyState reply, int from) {}

  /**
   * The reply a client resumes: the one its {@code Last-Event-ID} names, else the session's latest,
   * from the start. 404 for a session that is not the caller's or has no reply, 400 for a malformed
   * id, an id of another session's reply or an offset beyond the end of a finished reply.
   */
  public Resumable resumable(Caller caller, long sessionId, String lastEventId) {
    ReplyEventId id = ReplyEventId.parse(lastEventId);
    ReplyState reply =
        sessions
            .reply(caller, sessionId, id == null ? null : id.replyId())
            .orElseThrow(() -> new NotFound(NO_REPLY));
    int from = id == null ? 0 : id.offset();
    int length = reply.content().length();
    if (from > length
        && reply.status() != MessageStatus.IN_PROGRESS
        && reply.status() != MessageStatus.INTERRUPTED) {
      throw new BadRequest(
          "Last-Event-ID is beyond the end of reply " + reply.replyId() + " (" + length + ")");
    }
    return new Resumable(reply, from);
  }

  /** Follows the reply on {@code sink} in the background; returns at once (503 at capacity). */
  public void follow(Resumable resumable, SseEventSink sink, Sse sse) {
    followers.follow(resumable.reply(), resumable.from(), store(), sink, sse);
  }

  private RemoteReply.Store store() {
    return new RemoteReply.Store() {
      @Override
      public Optional<ReplyState> load(long replyId) {
        return sessions.reply(replyId);
      }

      @Override
      public boolean interruptIfStale(long replyId) {
        return sessions.interruptIfStale(replyId);
      }
    };
  }

  /**
   * Stops the session's running reply, wherever it runs: its provider call is closed, its text so
   * far stored as cancelled, its followers get {@code [DONE]}. Idempotent: with nothing running it
   * says so. 404 for a session that is not the caller's; 503 when the generating instance cannot be
   * reached and is not known to be gone.
   */
  public StopView stop(Caller caller, long sessionId) {
    Optional<ReplyState> latest = sessions.reply(caller, sessionId, null);
    if (latest.isEmpty()) {
      return new StopView(sessionId, null, false, null, NO_REPLY);
    }
    ReplyState reply = latest.get();
    if (!reply.inProgress()) {
      return ended(reply, false);
    }
    long replyId = reply.replyId();
    LiveReply here = live.get(replyId);
    if (here != null) {
      here.cancel(LiveReply.Cancel.STOP);
    } else {
      grid.requestStop(reply.instanceId(), replyId);
    }
    ReplyState now = awaitEnd(replyId, here);
    if (now == null) {
      return new StopView(sessionId, replyId, false, null, "the reply is gone with its session");
    }
    if (now.inProgress() && sessions.interruptIfStale(replyId)) {
      now = sessions.reply(replyId).orElse(now);
    }
    if (now.inProgress()) {
      throw new Overloaded(
          "the Parley instance generating this reply ("
              + reply.instanceId()
              + ") did not confirm the stop; retry",
          Duration.ofSeconds(1));
    }
    return ended(now, now.status() == MessageStatus.CANCELLED && stoppedOnRequest(now));
  }

  private ReplyState awaitEnd(long replyId, LiveReply here) {
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    try {
      if (here != null) {
        here.await(Integer.MAX_VALUE, STOP_WAIT); // wakes when the outcome is stored
      }
      while (true) {
        Optional<ReplyState> stored = sessions.reply(replyId);
        if (stored.isEmpty() || !stored.get().inProgress() || System.nanoTime() > deadline) {
          return stored.orElse(null);
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return sessions.reply(replyId).orElse(null);
    }
  }

  private static boolean stoppedOnRequest(ReplyState reply) {
    return LiveReply.Cancel.STOP
        .json()
        .equals(Endings.metadataField(reply.metadata(), "cancelled_by"));
  }

  private static StopView ended(ReplyState reply, boolean stoppedNow) {
    String message =
        stoppedNow
            ? "the reply was stopped; its text so far is stored"
            : reply.inProgress()
                ? "the reply is still running"
                : "no reply is running in this session; the latest one is " + reply.status().json();
    return new StopView(
        reply.sessionId(), reply.replyId(), stoppedNow, reply.status().json(), message);
  }
}
