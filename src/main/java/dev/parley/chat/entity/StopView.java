package dev.parley.chat.entity;

/**
 * The answer to {@code POST /v1/chat/sessions/{id}/stop}: whether this request ended a running
 * reply, and the status of the session's latest reply now.
 */
public record StopView(
    long sessionId, Long replyId, boolean stopped, String status, String message) {}
