package dev.parley.chat.streaming;

/**
 * Messages to and from other instances, one inbox per instance. No Hazelcast type appears here, so
 * that this compiles into code that loads where Hazelcast is absent (WildFly).
 */
interface GridInbox extends AutoCloseable {

  /** Publishes {@code message} to {@code instance}'s inbox; fire and forget. */
  void send(String instance, String message);

  @Override
  void close();
}
