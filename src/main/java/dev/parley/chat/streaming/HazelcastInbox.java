package dev.parley.chat.streaming;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The inboxes on Hazelcast: one topic per instance, of strings only. Loaded only after {@link
 * ReplyGrid} found Hazelcast, so the WAR still deploys where it is absent. A topic keeps the order
 * of one member's messages; nothing is stored, a listener that is not there misses the message
 * (followers renew, see {@link ReplyGrid}).
 */
final class HazelcastInbox implements GridInbox {

  private final HazelcastInstance hazelcast;
  private final String prefix;
  private final ITopic<String> own;
  private final UUID registration;
  private final Map<String, ITopic<String>> topics = new ConcurrentHashMap<>();

  private HazelcastInbox(
      HazelcastInstance hazelcast, String prefix, String instanceId, Consumer<String> receiver) {
    this.hazelcast = hazelcast;
    this.prefix = prefix;
    this.own = hazelcast.getTopic(prefix + instanceId);
    this.registration =
        own.addMessageListener(message -> receiver.accept(message.getMessageObject()));
  }

  static GridInbox open(
      Object hazelcast, String prefix, String instanceId, Consumer<String> receiver) {
    return new HazelcastInbox((HazelcastInstance) hazelcast, prefix, instanceId, receiver);
  }

  @Override
  public void send(String instance, String message) {
    topics.computeIfAbsent(instance, id -> hazelcast.getTopic(prefix + id)).publish(message);
  }

  @Override
  public void close() {
    try {
      own.removeMessageListener(registration);
    } catch (RuntimeException ignored) {
      // the grid is shutting down with us
    }
  }
}
