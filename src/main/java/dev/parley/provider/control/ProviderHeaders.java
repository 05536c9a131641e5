package dev.parley.provider.control;

import dev.parley.provider.entity.ProviderKind;
import dev.parley.provider.entity.ProviderSettings;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What every request to one provider carries: its configured extra headers, its API key (in {@code
 * Authorization: Bearer}, Anthropic's {@code x-api-key}, or the configured header such as Azure's
 * {@code api-key}), Anthropic's {@code anthropic-version}, and configured query parameters such as
 * Azure's {@code api-version}. Built once per client.
 */
final class ProviderHeaders implements ClientRequestFilter {

  private final Map<String, String> headers = new LinkedHashMap<>();
  private final String query;

  ProviderHeaders(ProviderSettings provider) {
    headers.putAll(provider.headers());
    if (provider.kind() == ProviderKind.ANTHROPIC) {
      headers.put("anthropic-version", provider.anthropicVersion());
    }
    if (provider.hasApiKey()) {
      headers.put(provider.authHeader(), provider.authValue());
    }
    this.query =
        provider.query().entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Override
  public void filter(ClientRequestContext request) {
    headers.forEach((name, value) -> request.getHeaders().putSingle(name, value));
    if (!query.isEmpty()) {
      URI uri = request.getUri();
      String path = uri.toString();
      int at = path.indexOf('?');
      request.setUri(
          URI.create(
              at < 0
                  ? path + "?" + query
                  : path.substring(0, at + 1) + query + "&" + path.substring(at + 1)));
    }
  }
}
