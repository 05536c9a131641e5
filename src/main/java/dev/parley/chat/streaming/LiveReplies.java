package dev.parley.chat.streaming;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The replies streaming on this instance, for checkpoints, heartbeats, followers and stops. */
@ApplicationScoped
public class LiveReplies {

  private final Map<Long, LiveReply> replies = new ConcurrentHashMap<>();

  public void add(LiveReply reply) {
    replies.put(reply.replyId(), reply);
  }

  public void remove(LiveReply reply) {
    replies.remove(reply.replyId(), reply);
  }

  /** The reply if it streams on this instance, else null. */
  public LiveReply get(long replyId) {
    return replies.get(replyId);
  }

  public Collection<LiveReply> all() {
    return replies.values();
  }

  /**
   * Cancels the replies nobody has followed for {@code grace}: the disconnect policy, applied every
   * second. Returns how many it cancelled.
   */
  public int cancelUnfollowed(Duration grace) {
    long now = System.nanoTime();
    int cancelled = 0;
    for (LiveReply reply : replies.values()) {
      if (reply.cancelIfUnfollowed(grace, now)) {
        cancelled++;
      }
    }
    return cancelled;
  }
}
