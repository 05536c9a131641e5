package dev.parley.provider.entity;

import java.util.List;
import java.util.Objects;

/**
 * A model Parley offers: the public name clients use, the id sent upstream, the provider that
 * serves it (a configured provider's name) and its dialect, and the models that may answer instead
 * when it fails before its first token ({@code fallbacks}, in order).
 */
public record ModelDescriptor(
    String name,
    String upstreamId,
    String provider,
    ProviderKind kind,
    boolean simulated,
    List<String> fallbacks) {

  public ModelDescriptor {
    Objects.requireNonNull(name);
    Objects.requireNonNull(upstreamId);
    Objects.requireNonNull(provider);
    Objects.requireNonNull(kind);
    fallbacks = List.copyOf(fallbacks);
  }

  /** An OpenAI-compatible model without fallbacks. */
  public ModelDescriptor(String name, String upstreamId, String provider, boolean simulated) {
    this(name, upstreamId, provider, ProviderKind.OPENAI, simulated, List.of());
  }

  public ModelDescriptor withFallbacks(List<String> models) {
    return new ModelDescriptor(name, upstreamId, provider, kind, simulated, models);
  }
}
