package dev.parley.chat.entity;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** One message of a {@code /v1/chat/stream} request. */
public record MessageInput(
    @NotNull(message = "each message needs a role")
        @Pattern(
            regexp = "system|user|assistant",
            message = "role must be system, user or assistant")
        String role,
    @NotNull(message = "each message needs a string content") String content) {}
