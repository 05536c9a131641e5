package dev.parley.chat.entity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** The body of {@code POST /v1/chat/switch-model}. */
public record SwitchModelRequest(
    @NotNull(message = "session_id is required")
        @Positive(message = "session_id must be a positive integer")
        Long sessionId,
    @NotBlank(message = "model is required") String model) {}
