package dev.parley.chat.entity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to {@code POST /v1/chat/sessions/{id}/stop}: whether this request ended a running
 * reply, and the status of the session's latest reply now.
 */
@Schema(name = "StoppedReply")
public record StopView(
    @Schema(description = "The session") long sessionId,
    @Schema(description = "The session's latest reply; null when it has none") Long replyId,
    @Schema(description = "True when this request ended a running reply") boolean stopped,
    @Schema(
            enumeration = {"in_progress", "completed", "cancelled", "failed", "interrupted"},
            description = "The reply's status now: `cancelled` once stopped")
        String status,
    String message) {}
