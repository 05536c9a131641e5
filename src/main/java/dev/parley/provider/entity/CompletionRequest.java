package dev.parley.provider.entity;

import java.util.List;
import java.util.Objects;

/** What Parley asks the provider for. {@code maxTokens} may be null (provider default). */
public record CompletionRequest(
    ModelDescriptor model, List<PromptMessage> messages, double temperature, Integer maxTokens) {

  public CompletionRequest {
    Objects.requireNonNull(model);
    messages = List.copyOf(messages);
  }
}
