package dev.parley.chat.streaming;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The replies streaming on this instance, for checkpoints and heartbeats. */
@ApplicationScoped
public class LiveReplies {

  private final Map<Long, LiveReply> replies = new ConcurrentHashMap<>();

  public void add(LiveReply reply) {
    replies.put(reply.replyId(), reply);
  }

  public void remove(LiveReply reply) {
    replies.remove(reply.replyId(), reply);
  }

  public Collection<LiveReply> all() {
    return replies.values();
  }
}
