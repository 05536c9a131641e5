package dev.parley.provider.control;

import dev.parley.platform.errors.ParleyException;
import dev.parley.platform.errors.ProviderFailed;
import dev.parley.platform.errors.ProviderTimeout;
import dev.parley.platform.json.JsonText;
import dev.parley.provider.entity.Completion;
import dev.parley.provider.entity.CompletionChunk;
import dev.parley.provider.entity.CompletionRequest;
import dev.parley.provider.entity.PromptMessage;
import dev.parley.provider.entity.Usage;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The one completion API of Parley: {@link #open} streams a reply (chat relays it token by token),
 * {@link #complete} collects a whole one (prompt previews). Both go to the configured
 * OpenAI-compatible provider, or to the built-in simulator in development mode, through the same
 * MicroProfile REST client either way. Clients are built once per base URL.
 */
@ApplicationScoped
public class Completions {

  @Inject
  @ConfigProperty(name = "parley.openai.base-url")
  Optional<String> baseUrl;

  @Inject
  @ConfigProperty(name = "parley.openai.api-key")
  Optional<String> apiKey;

  @Inject
  @ConfigProperty(name = "parley.provider.connect-timeout-ms", defaultValue = "10000")
  long connectTimeoutMs;

  @Inject
  @ConfigProperty(name = "parley.provider.idle-timeout-ms", defaultValue = "60000")
  long idleTimeoutMs;

  @Inject SimulatorEndpoint simulator;

  private final Map<URI, ProviderClient> clients = new ConcurrentHashMap<>();
  private String authorization;

  @PostConstruct
  void init() {
    authorization = apiKey.filter(k -> !k.isBlank()).map(k -> "Bearer " + k.trim()).orElse(null);
  }

  /**
   * Sends the request and returns once the provider has answered with a streaming response; errors
   * before that are thrown as 502/504.
   */
  public CompletionStream open(CompletionRequest request) {
    ProviderClient client = clients.computeIfAbsent(target(), this::build);
    try {
      return new CompletionStream(client.complete(body(request)), Duration.ofMillis(idleTimeoutMs));
    } catch (ParleyException e) {
      throw e;
    } catch (ProcessingException e) {
      throw translate(e);
    }
  }

  /**
   * The whole reply, read to its end; a provider failure on the way is thrown (502/504), whatever
   * text had arrived.
   */
  public Completion complete(CompletionRequest request) {
    StringBuilder text = new StringBuilder();
    Usage reported = null;
    String finishReason = "stop";
    try (CompletionStream upstream = open(request)) {
      CompletionChunk chunk;
      while ((chunk = upstream.next()) != null) {
        if (chunk.hasContent()) {
          text.append(chunk.content());
        }
        reported = chunk.usage() != null ? chunk.usage() : reported;
        finishReason = chunk.finishReason() != null ? chunk.finishReason() : finishReason;
      }
    }
    String reply = text.toString();
    return new Completion(
        reply, TokenCounter.usage(reported, request.messages(), reply), finishReason);
  }

  private URI target() {
    return baseUrl
        .filter(u -> !u.isBlank())
        .map(u -> URI.create(u.trim()))
        .orElseGet(simulator::baseUri);
  }

  private ProviderClient build(URI uri) {
    RestClientBuilder builder =
        RestClientBuilder.newBuilder()
            .baseUri(uri)
            .connectTimeout(connectTimeoutMs, TimeUnit.MILLISECONDS)
            .readTimeout(idleTimeoutMs, TimeUnit.MILLISECONDS)
            .register(ProviderErrors.class);
    if (authorization != null) {
      builder.register(new ApiKeyHeader(authorization));
    }
    return builder.build(ProviderClient.class);
  }

  static ParleyException translate(ProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ParleyException parley) {
        return parley;
      }
      if (t instanceof SocketTimeoutException) {
        String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("connect")
            ? new ProviderTimeout("could not connect to the model provider in time", e)
            : new ProviderTimeout("the model provider did not answer in time", e);
      }
      if (t instanceof ConnectException) {
        return new ProviderFailed("cannot connect to the model provider", e);
      }
    }
    return new ProviderFailed("the request to the model provider failed", e);
  }

  /**
   * The Chat Completions request body; usage is requested so Parley can account real token counts.
   */
  static String body(CompletionRequest request) {
    StringBuilder json = new StringBuilder(256);
    json.append("{\"model\":")
        .append(JsonText.quote(request.model().upstreamId()))
        .append(",\"messages\":[");
    boolean first = true;
    for (PromptMessage message : request.messages()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      json.append("{\"role\":")
          .append(JsonText.quote(message.role()))
          .append(",\"content\":")
          .append(JsonText.quote(message.content()))
          .append('}');
    }
    json.append("],\"temperature\":").append(request.temperature());
    if (request.maxTokens() != null) {
      json.append(",\"max_tokens\":").append(request.maxTokens());
    }
    return json.append(",\"stream\":true,\"stream_options\":{\"include_usage\":true}}").toString();
  }

  /** The provider's API key on every request. */
  record ApiKeyHeader(String authorization) implements ClientRequestFilter {
    @Override
    public void filter(ClientRequestContext request) {
      request.getHeaders().putSingle("Authorization", authorization);
    }
  }
}
