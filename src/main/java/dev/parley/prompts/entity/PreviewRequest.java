package dev.parley.prompts.entity;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/chat/prompts/preview}: exactly one of {@code prompt_id} and {@code
 * content}, the {@code variables} object, and optionally the {@code model}.
 */
public record PreviewRequest(
    @Schema(description = "A stored prompt (or give `content`)")
        @Positive(message = "prompt_id must be a positive integer")
        Long promptId,
    @Schema(description = "A prompt text (or give `prompt_id`)")
        @Size(max = Prompt.MAX_CONTENT, message = PromptRequest.CONTENT_TOO_LONG)
        String content,
    @Schema(type = SchemaType.OBJECT, description = "Values of the placeholders, by name")
        JsonValue variables,
    @Schema(description = "A model of `GET /v1/models` (default: the configured preview model)")
        String model) {}
