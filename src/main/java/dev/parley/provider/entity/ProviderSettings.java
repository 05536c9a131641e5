package dev.parley.provider.entity;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One configured provider: its dialect, where it is, how Parley authenticates and how long it
 * waits. {@code baseUrl} may contain {@code {model}} (Azure's per-deployment URLs); it is null for
 * the development simulator, whose address is learned at run time. The API key is never printed.
 *
 * @param authHeader the header that carries the key: {@code Authorization} (as {@code Bearer
 *     <key>}) unless configured otherwise, e.g. Azure's {@code api-key} (the key as it is)
 * @param firstTokenTimeout how long a model of a fallback chain may stay silent before its first
 *     token until the next model is tried
 * @param maxTokens Anthropic only: {@code max_tokens} when the request names none
 */
public record ProviderSettings(
    String name,
    ProviderKind kind,
    String baseUrl,
    String apiKey,
    String authHeader,
    Duration connectTimeout,
    Duration idleTimeout,
    Duration firstTokenTimeout,
    Map<String, String> headers,
    Map<String, String> query,
    String anthropicVersion,
    int maxTokens,
    boolean simulated) {

  public static final String AUTHORIZATION = "Authorization";

  public ProviderSettings {
    Objects.requireNonNull(name);
    Objects.requireNonNull(kind);
    Objects.requireNonNull(connectTimeout);
    Objects.requireNonNull(idleTimeout);
    Objects.requireNonNull(firstTokenTimeout);
    headers = Map.copyOf(headers);
    query = Map.copyOf(query);
  }

  public boolean hasApiKey() {
    return apiKey != null;
  }

  /** The header value that carries the key: {@code Bearer <key>} in {@code Authorization}. */
  public String authValue() {
    return AUTHORIZATION.equalsIgnoreCase(authHeader) ? "Bearer " + apiKey : apiKey;
  }

  @Override
  public String toString() {
    return "ProviderSettings["
        + name
        + ", "
        + kind.key()
        + ", "
        + (simulated ? "simulator" : baseUrl)
        + (apiKey == null ? ", no key" : ", key in " + authHeader)
        + "]";
  }
}
