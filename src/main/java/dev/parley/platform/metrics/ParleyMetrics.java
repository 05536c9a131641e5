package dev.parley.platform.metrics;

import dev.parley.platform.errors.ProviderFailed;
import dev.parley.platform.errors.ProviderTimeout;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Parley's meters, in one Micrometer registry inside the WAR (portable: Payara and WildFly alike),
 * scraped in Prometheus text format by {@link PrometheusServlet}. Features call it once per request
 * or per finished stream, never per token.
 *
 * <ul>
 *   <li>{@code parley_http_requests_seconds{method,endpoint,status}}: every request, by path
 *       template (never a raw path with ids)
 *   <li>{@code parley_streams_open}: provider calls in flight on this instance
 *   <li>{@code parley_stream_first_token_seconds}: from request arrival to the first token
 *   <li>{@code parley_tokens_streamed_total}: completion tokens, added once per finished reply
 *   <li>{@code parley_replies_total{outcome}}: replies by how they ended
 *   <li>{@code parley_provider_errors_total{status}}: provider failures (502) and timeouts (504)
 *   <li>{@code parley_refusals_total{kind}}: rate, tokens, concurrent_streams, busy, capacity
 *   <li>{@code parley_model_tokens_total{model,type}}: prompt and completion tokens per model that
 *       answered, as settled in the usage records
 *   <li>{@code parley_fallbacks_total{provider,model}}: models skipped because their provider
 *       failed before the first token (the next model of the chain answered or was tried)
 * </ul>
 */
@ApplicationScoped
public class ParleyMetrics {

  /**
   * Time-to-first-token buckets: a fast provider answers in tens of ms, a loaded one in seconds.
   */
  static final Duration[] FIRST_TOKEN_BUCKETS = {
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30)
  };

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private JvmGcMetrics gc;
  private Timer firstToken;
  private Counter tokens;

  @PostConstruct
  void init() {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
    firstToken =
        Timer.builder("parley.stream.first.token")
            .description("time from request arrival to the first token sent to the client")
            .serviceLevelObjectives(FIRST_TOKEN_BUCKETS)
            .register(registry);
    tokens =
        Counter.builder("parley.tokens.streamed")
            .description("completion tokens relayed to clients (provider-reported or counted)")
            .register(registry);
  }

  @PreDestroy
  void close() {
    gc.close();
    registry.close();
  }

  public void request(String method, String endpoint, int status, long nanos) {
    Timer.builder("parley.http.requests")
        .tags("method", method, "endpoint", endpoint, "status", Integer.toString(status))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The gauge of open provider calls reads the admission counter itself. */
  public void openStreams(IntSupplier open) {
    Gauge.builder("parley.streams.open", open::getAsInt)
        .description("provider calls (streaming or not) in flight on this instance")
        .register(registry);
  }

  /** A streamed reply's first token reached the client ({@code firstTokenNanos} 0: none did). */
  public void firstToken(long requestStartNanos, long firstTokenNanos) {
    if (firstTokenNanos != 0) {
      firstToken.record(firstTokenNanos - requestStartNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** A reply ended (once per reply): its outcome, its completion tokens, its provider failure. */
  public void replyEnded(String outcome, Throwable failure, int completionTokens) {
    registry.counter("parley.replies", "outcome", outcome).increment();
    tokens.increment(Math.max(0, completionTokens));
    providerError(failure);
  }

  /** Counts {@code failure} if it is the provider's (502, 504); anything else is ignored. */
  public void providerError(Throwable failure) {
    if (failure instanceof ProviderFailed || failure instanceof ProviderTimeout) {
      int status = failure instanceof ProviderTimeout ? 504 : 502;
      registry.counter("parley.provider.errors", "status", Integer.toString(status)).increment();
    }
  }

  /** Tokens a model used (the model that answered), once per settled call. */
  public void modelTokens(String model, int prompt, int completion) {
    registry.counter("parley.model.tokens", "model", model, "type", "prompt").increment(prompt);
    registry
        .counter("parley.model.tokens", "model", model, "type", "completion")
        .increment(completion);
  }

  /** A model skipped for the next one of its fallback chain. */
  public void fallback(String provider, String model) {
    registry.counter("parley.fallbacks", "provider", provider, "model", model).increment();
  }

  /** A request refused by a limit. */
  public void refused(Refusal kind) {
    registry.counter("parley.refusals", "kind", kind.key()).increment();
  }

  /** Everything in Prometheus text format 0.0.4. */
  public String scrape() {
    return registry.scrape();
  }
}
