package dev.parley.chat.entity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;

/** The body of {@code POST /v1/chat/stream}, as the spec defines it. */
public record StreamRequest(
    @NotBlank(message = "model is required") String model,
    @NotEmpty(message = "messages must be a non-empty array")
        List<@NotNull(message = "messages must not contain null") @Valid MessageInput> messages,
    @DecimalMin(value = "0.0", message = "temperature must be between 0.0 and 2.0")
        @DecimalMax(value = "2.0", message = "temperature must be between 0.0 and 2.0")
        Double temperature,
    @Positive(message = "max_tokens must be greater than 0") Integer maxTokens,
    Boolean stream,
    @Positive(message = "session_id must be a positive integer") Long sessionId) {

  public static final double DEFAULT_TEMPERATURE = 0.7;

  public double temperatureOrDefault() {
    return temperature == null ? DEFAULT_TEMPERATURE : temperature;
  }

  public boolean streaming() {
    return stream == null || stream;
  }
}
