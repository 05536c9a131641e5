package dev.parley.provider.entity;

import java.util.Locale;
import java.util.Optional;

/** The API dialect a provider speaks. */
public enum ProviderKind {
  /** OpenAI's Chat Completions API: OpenAI, Azure OpenAI, vLLM, Ollama, LM Studio... */
  OPENAI,
  /** Anthropic's Messages API ({@code /v1/messages}). */
  ANTHROPIC;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ProviderKind> of(String key) {
    for (ProviderKind kind : values()) {
      if (kind.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
