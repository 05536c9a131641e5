package dev.parley.chat.entity;

import dev.parley.platform.errors.BadRequest;
import dev.parley.platform.json.JsonBodies;
import dev.parley.platform.json.Timestamps;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;

/**
 * A stored message as clients see it; {@code status} tells whether an assistant reply is complete.
 */
public record MessageView(
    String role,
    String content,
    String status,
    String model,
    JsonObject metadata,
    String createdAt) {

  public static MessageView of(ChatMessage message) {
    return new MessageView(
        message.role().json(),
        message.content(),
        message.status().json(),
        message.model(),
        metadata(message.metadata()),
        Timestamps.format(message.createdAt()));
  }

  /** The stored metadata JSON (Parley's own) as an object; null when there is none. */
  static JsonObject metadata(String stored) {
    if (stored == null || stored.isBlank()) {
      return null;
    }
    try {
      JsonValue value = JsonBodies.parse(stored.getBytes(StandardCharsets.UTF_8));
      return value instanceof JsonObject object ? object : null;
    } catch (BadRequest unreadable) {
      return null;
    }
  }

  /** Just role and content, as in the spec's examples. */
  public record Plain(String role, String content) {}
}
