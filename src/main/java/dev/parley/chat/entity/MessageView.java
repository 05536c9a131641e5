package dev.parley.chat.entity;

import dev.parley.platform.errors.BadRequest;
import dev.parley.platform.json.JsonBodies;
import dev.parley.platform.json.Timestamps;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A stored message as clients see it; {@code status} tells whether an assistant reply is complete.
 */
public record MessageView(
    @Schema(enumeration = {"system", "user", "assistant"}) String role,
    String content,
    @Schema(
            enumeration = {"in_progress", "completed", "cancelled", "failed", "interrupted"},
            description =
                "An assistant reply is `in_progress` while it streams; only `completed` replies go"
                    + " upstream in later turns")
        String status,
    @Schema(
            description =
                "The model that wrote an assistant reply: the requested one, or the fallback that"
                    + " answered when its provider failed before the first token")
        String model,
    @Schema(
            description =
                "What Parley noted about an assistant reply, else null: `error` (why it failed),"
                    + " `context_trimmed` and `dropped_messages` (oldest messages left out to fit"
                    + " the model), `answered_by` and `skipped` (models of the fallback chain"
                    + " skipped before the first token: `model`, `provider`, `reason`)")
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
  @Schema(name = "ReplyMessage")
  public record Plain(String role, String content) {}
}
