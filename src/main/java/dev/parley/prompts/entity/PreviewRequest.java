package dev.parley.prompts.entity;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/chat/prompts/preview}: exactly one of {@code prompt_id} and {@code
 * content}, the {@code variables} object, and optionally the {@code model}.
 */
public record PreviewRequest(
    @Positive(message = "prompt_id must be a positive integer") Long promptId,
    @Size(max = Prompt.MAX_CONTENT, message = PromptRequest.CONTENT_TOO_LONG) String content,
    JsonValue variables,
    String model) {}
