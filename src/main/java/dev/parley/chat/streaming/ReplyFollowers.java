package dev.parley.chat.streaming;

import dev.parley.chat.control.ChatSettings;
import dev.parley.chat.entity.ReplyState;
import dev.parley.platform.errors.ErrorResponse;
import dev.parley.platform.errors.Overloaded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Clients that resumed a reply: each one follows it on a pump thread of its own from the offset it
 * already has, with the reply's event ids, to {@code [DONE]}. The reply is read from where it is:
 * live on this instance ({@link LiveReply}), live on another instance or only in the database
 * ({@link RemoteReply}), or finished ({@link ReplyState}: the rest and the end at once). A follower
 * counts as an open stream ({@link StreamAdmission}) and keeps the reply followed (the disconnect
 * grace does not run while it is there).
 */
@ApplicationScoped
public class ReplyFollowers {

  private static final Logger LOG = Logger.getLogger(ReplyFollowers.class.getName());

  @Inject StreamPumps pumps;
  @Inject StreamAdmission admission;
  @Inject LiveReplies live;
  @Inject ReplyGrid grid;
  @Inject ChatSettings settings;

  private final Set<Follower> following = ConcurrentHashMap.newKeySet();

  /**
   * Follows {@code stored} (as just read, ownership checked) from {@code from} on {@code sink};
   * returns at once. 503 when the instance is at capacity or shutting down.
   */
  public void follow(
      ReplyState stored, int from, RemoteReply.Store store, SseEventSink sink, Sse sse) {
    StreamAdmission.Ticket ticket = admission.admit();
    Follower follower;
    LiveReply reply = live.get(stored.replyId());
    if (reply != null) {
      reply.follow();
      follower =
          new Follower(
              stored.replyId(),
              from,
              reply,
              true,
              () -> reply.leave(settings.disconnectGrace()),
              sink,
              sse,
              ticket);
    } else if (!stored.inProgress()) {
      ReplyTail finished =
          (offset, timeout) ->
              new ReplyTail.Chunk(
                  offset >= stored.content().length() ? "" : stored.content().substring(offset),
                  Math.max(offset, stored.content().length()),
                  Endings.of(stored));
      follower = new Follower(stored.replyId(), from, finished, true, () -> {}, sink, sse, ticket);
    } else {
      RemoteReply mirror = grid.follow(stored, store);
      follower =
          new Follower(
              stored.replyId(),
              from,
              mirror,
              false,
              () -> grid.unfollow(mirror),
              sink,
              sse,
              ticket);
    }
    following.add(follower);
    try {
      pumps.execute(follower::run);
    } catch (RejectedExecutionException e) {
      follower.finish();
      throw new Overloaded("Parley is at capacity; retry shortly", StreamAdmission.RETRY_AFTER);
    }
  }

  /**
   * On shutdown: followers of replies that stream on other instances are disconnected at once,
   * without {@code [DONE]}, so that their clients resume on an instance that stays.
   */
  public int releaseRemote() {
    int released = 0;
    for (Follower follower : following) {
      if (!follower.local) {
        follower.finish();
        released++;
      }
    }
    return released;
  }

  public int count() {
    return following.size();
  }

  private final class Follower {

    private final long replyId;
    private final ReplyTail tail;
    private final boolean local;
    private final Runnable release;
    private final SseChannel channel;
    private final StreamAdmission.Ticket ticket;
    private int position;
    private boolean finished;

    Follower(
        long replyId,
        int from,
        ReplyTail tail,
        boolean local,
        Runnable release,
        SseEventSink sink,
        Sse sse,
        StreamAdmission.Ticket ticket) {
      this.replyId = replyId;
      this.position = from;
      this.tail = tail;
      this.local = local;
      this.release = release;
      this.channel = new SseChannel(sink, sse);
      this.ticket = ticket;
    }

    void run() {
      Duration heartbeat = settings.heartbeatInterval();
      try {
        while (!channel.isGone()) {
          ReplyTail.Chunk chunk = tail.await(position, heartbeat);
          if (!chunk.isEmpty()) {
            if (!channel.token(chunk.text(), ReplyEventId.format(replyId, chunk.end()))) {
              return;
            }
            position = chunk.end();
          }
          if (chunk.ending() != null) {
            if (chunk.ending().detail() != null) {
              channel.error(new ErrorResponse(chunk.ending().detail()).toJson());
            }
            channel.done();
            return;
          }
          if (chunk.isEmpty() && !channel.heartbeat()) {
            return;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a follower of reply " + replyId + " failed", e);
      } finally {
        finish();
      }
    }

    /** Ends this follower: idempotent, from its own thread or from a shutdown. */
    void finish() {
      synchronized (this) {
        if (finished) {
          return;
        }
        finished = true;
      }
      following.remove(this);
      try {
        release.run();
      } finally {
        channel.close();
        ticket.close();
      }
    }
  }
}
