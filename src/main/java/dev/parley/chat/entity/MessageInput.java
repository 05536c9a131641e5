package dev.parley.chat.entity;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One message of a {@code /v1/chat/stream} request. */
public record MessageInput(
    @Schema(
            enumeration = {"system", "user", "assistant"},
            example = "user")
        @NotNull(message = "each message needs a role")
        @Pattern(
            regexp = "system|user|assistant",
            message = "role must be system, user or assistant")
        String role,
    @NotNull(message = "each message needs a string content") String content) {}
