package dev.parley.provider.entity;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * What Parley asks the provider for. {@code maxTokens} may be null (provider default). {@code
 * openAi}, when set, is a client's own OpenAI Chat Completions request (the OpenAI-compatible
 * door): an OpenAI-compatible provider gets it as it is (model, stream and usage set by Parley),
 * Anthropic a translation; {@code messages} then only serve token estimates.
 */
public record CompletionRequest(
    ModelDescriptor model,
    List<PromptMessage> messages,
    double temperature,
    Integer maxTokens,
    JsonObject openAi) {

  public CompletionRequest {
    Objects.requireNonNull(model);
    messages = List.copyOf(messages);
  }

  public CompletionRequest(
      ModelDescriptor model, List<PromptMessage> messages, double temperature, Integer maxTokens) {
    this(model, messages, temperature, maxTokens, null);
  }

  /** The same request for another model (the next of a fallback chain). */
  public CompletionRequest to(ModelDescriptor other) {
    return new CompletionRequest(other, messages, temperature, maxTokens, openAi);
  }
}
