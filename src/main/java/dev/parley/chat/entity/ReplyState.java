package dev.parley.chat.entity;

import java.time.Instant;

/**
 * An assistant reply as stored: its text so far (the last checkpoint while it streams), status, the
 * instance that generates it (while in progress) and its metadata JSON.
 */
public record ReplyState(
    long replyId,
    long sessionId,
    MessageStatus status,
    String content,
    String instanceId,
    String metadata,
    Instant updatedAt) {

  public static ReplyState of(ChatMessage message) {
    return new ReplyState(
        message.id(),
        message.sessionId(),
        message.status(),
        message.content(),
        message.instanceId(),
        message.metadata(),
        message.updatedAt());
  }

  public boolean inProgress() {
    return status == MessageStatus.IN_PROGRESS;
  }
}
