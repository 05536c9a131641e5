package dev.parley.chat.entity;

import dev.parley.platform.json.Timestamps;

/**
 * A stored message as clients see it; {@code status} tells whether an assistant reply is complete.
 */
public record MessageView(
    String role, String content, String status, String model, String createdAt) {

  public static MessageView of(ChatMessage message) {
    return new MessageView(
        message.role().json(),
        message.content(),
        message.status().json(),
        message.model(),
        Timestamps.format(message.createdAt()));
  }

  /** Just role and content, as in the spec's examples. */
  public record Plain(String role, String content) {}
}
