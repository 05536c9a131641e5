package dev.parley.provider.control;

import dev.parley.platform.errors.ParleyException;
import dev.parley.platform.errors.ProviderFailed;
import dev.parley.platform.metrics.ParleyMetrics;
import dev.parley.provider.entity.Answer;
import dev.parley.provider.entity.Completion;
import dev.parley.provider.entity.CompletionChunk;
import dev.parley.provider.entity.CompletionRequest;
import dev.parley.provider.entity.ModelDescriptor;
import dev.parley.provider.entity.ProviderKind;
import dev.parley.provider.entity.ProviderSettings;
import dev.parley.provider.entity.Usage;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The one completion API of Parley: {@link #open} streams a reply (chat relays it token by token),
 * {@link #complete} collects a whole one (prompt previews). Each model goes to its provider in the
 * provider's dialect (OpenAI-compatible or Anthropic), or to the built-in simulator in development
 * mode, through a MicroProfile REST client built once per provider (and base URL). A model with
 * fallbacks is asked with a first-token timeout, and the next model of its chain takes over when it
 * fails before its first token ({@link CompletionStream}).
 */
@ApplicationScoped
public class Completions {

  private static final Logger LOG = Logger.getLogger(Completions.class.getName());

  @Inject Providers providers;
  @Inject ModelCatalog catalog;
  @Inject SimulatorEndpoint simulator;
  @Inject ParleyMetrics metrics;

  @Resource ManagedThreadFactory threads;

  private final Map<ClientKey, Endpoint> endpoints = new ConcurrentHashMap<>();
  private ThreadPoolExecutor waits;
  private ScheduledThreadPoolExecutor watchdog;

  @PostConstruct
  void start() {
    // waits for the response of a model with fallbacks (bounded by its first-token timeout) and
    // closes streams ended early; one thread ends models silent past their first-token timeout
    waits =
        new ThreadPoolExecutor(
            0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    watchdog = new ScheduledThreadPoolExecutor(1, threads);
    watchdog.setRemoveOnCancelPolicy(true);
    // On SIGTERM Payara Micro closes the application's class loader at once while open streams
    // still finish or are cut off (StreamDrain): what ending a reply needs is loaded now.
    new Answer("", "", List.of(new Answer.Skipped("", "", "")));
    ConnectionDrop.preload();
  }

  @PreDestroy
  void stop() {
    watchdog.shutdownNow();
    waits.shutdown();
  }

  /**
   * Sends the request and returns once a model of its chain has answered with a streaming response;
   * errors before that are thrown as 502/504 (or 400 when the requested model cannot take the
   * request at all).
   */
  public CompletionStream open(CompletionRequest request) {
    return CompletionStream.open(
        catalog.chain(request.model()),
        (model, mayFallBack) -> attempt(request.to(model), mayFallBack),
        this::skipped);
  }

  /**
   * The whole reply, read to its end; a provider failure on the way is thrown (502/504), whatever
   * text had arrived.
   */
  public Completion complete(CompletionRequest request) {
    StringBuilder text = new StringBuilder();
    Usage reported = null;
    String finishReason = "stop";
    Answer answer;
    try (CompletionStream upstream = open(request)) {
      CompletionChunk chunk;
      while ((chunk = upstream.next()) != null) {
        if (chunk.hasContent()) {
          text.append(chunk.content());
        }
        reported = chunk.usage() != null ? chunk.usage() : reported;
        finishReason = chunk.finishReason() != null ? chunk.finishReason() : finishReason;
      }
      answer = upstream.answer();
    }
    String reply = text.toString();
    return new Completion(
        reply, TokenCounter.usage(reported, request.messages(), reply), finishReason, answer);
  }

  /** One model's stream: the request in its provider's dialect, with its timeouts. */
  private EventStream attempt(CompletionRequest request, boolean mayFallBack) {
    ModelDescriptor model = request.model();
    ProviderSettings provider = providers.of(model);
    boolean anthropic = provider.kind() == ProviderKind.ANTHROPIC;
    String body =
        anthropic
            ? AnthropicRequests.body(request, model.upstreamId(), provider)
            : OpenAiRequests.body(request, model.upstreamId());
    Decoder decoder = anthropic ? new AnthropicEvents() : Decoder.openAi();
    Endpoint endpoint = endpoint(provider, model);
    Duration firstToken = provider.firstTokenTimeout();
    if (!mayFallBack || firstToken.compareTo(provider.idleTimeout()) >= 0) {
      return new EventStream(send(endpoint, body), decoder, provider.idleTimeout(), waits);
    }
    long deadline = System.nanoTime() + firstToken.toNanos();
    EventStream stream =
        new EventStream(
            sendWithin(endpoint, body, firstToken), decoder, provider.idleTimeout(), waits);
    long left = Math.max(0, deadline - System.nanoTime());
    stream.watchedBy(
        watchdog.schedule(() -> stream.expire(firstToken), left, TimeUnit.NANOSECONDS));
    return stream;
  }

  private void skipped(Answer.Skipped skip) {
    metrics.fallback(skip.provider(), skip.model());
    LOG.warning(
        () ->
            "model "
                + skip.model()
                + " ("
                + skip.provider()
                + ") skipped before its first token: "
                + skip.reason());
  }

  private static InputStream send(Endpoint endpoint, String body) {
    try {
      return endpoint.sync().apply(body);
    } catch (ParleyException e) {
      throw e;
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  /** The response, if it starts within {@code limit}; else a silence that allows a fallback. */
  private static InputStream sendWithin(Endpoint endpoint, String body, Duration limit) {
    CompletableFuture<InputStream> response;
    try {
      response = endpoint.async().apply(body).toCompletableFuture();
    } catch (RuntimeException e) {
      throw translate(e);
    }
    AtomicBoolean abandoned = new AtomicBoolean();
    response.whenComplete(
        (stream, failure) -> {
          if (stream != null && abandoned.get()) {
            closeQuietly(stream);
          }
        });
    try {
      return response.get(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      abandoned.set(true);
      InputStream late = response.getNow(null);
      if (late != null) {
        closeQuietly(late);
      }
      throw EventStream.silentFor(limit, e);
    } catch (ExecutionException e) {
      throw translate(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderFailed("interrupted while waiting for the model provider", e);
    }
  }

  private static void closeQuietly(InputStream stream) {
    try {
      ConnectionDrop.drop(stream);
    } catch (IOException | RuntimeException ignored) {
      // nobody reads it any more
    }
  }

  /** A transport failure as a provider failure; all of them allow a fallback. */
  static ParleyException translate(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ParleyException parley) {
        return parley;
      }
      if (t instanceof SocketTimeoutException) {
        String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("connect")
            ? new ProviderSilent("could not connect to the model provider in time", e)
            : new ProviderSilent("the model provider did not answer in time", e);
      }
      if (t instanceof ConnectException) {
        return new ProviderUnavailable("cannot connect to the model provider", e);
      }
    }
    return new ProviderUnavailable("the request to the model provider failed", e);
  }

  // ---- REST clients, one per provider and base URL

  private record ClientKey(String provider, URI base) {}

  /** One provider's REST client, whichever its dialect. */
  private record Endpoint(
      Function<String, InputStream> sync, Function<String, CompletionStage<InputStream>> async) {}

  private Endpoint endpoint(ProviderSettings provider, ModelDescriptor model) {
    URI base =
        provider.simulated()
            ? simulator.baseUri()
            : URI.create(
                provider
                    .baseUrl()
                    .replace(
                        "{model}",
                        URLEncoder.encode(model.upstreamId(), StandardCharsets.UTF_8)
                            .replace("+", "%20")));
    return endpoints.computeIfAbsent(
        new ClientKey(provider.name(), base), key -> build(provider, key.base()));
  }

  private Endpoint build(ProviderSettings provider, URI base) {
    RestClientBuilder builder =
        RestClientBuilder.newBuilder()
            .baseUri(base)
            .connectTimeout(provider.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(provider.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .executorService(waits)
            .register(ProviderErrors.class)
            .register(new ProviderHeaders(provider));
    if (provider.kind() == ProviderKind.ANTHROPIC) {
      AnthropicClient client = builder.build(AnthropicClient.class);
      return new Endpoint(client::messages, client::messagesAsync);
    }
    ProviderClient client = builder.build(ProviderClient.class);
    return new Endpoint(client::complete, client::completeAsync);
  }
}
