package dev.parley.chat.entity;

import dev.parley.platform.json.Timestamps;
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
    @Schema(description = "The model that wrote an assistant reply") String model,
    String createdAt) {

  public static MessageView of(ChatMessage message) {
    return new MessageView(
        message.role().json(),
        message.content(),
        message.status().json(),
        message.model(),
        Timestamps.format(message.createdAt()));
  }

  /** Just role and content, as in the spec's examples. */
  @Schema(name = "ReplyMessage")
  public record Plain(String role, String content) {}
}
