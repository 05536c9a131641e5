package dev.parley.platform.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.errors.Overloaded;
import dev.parley.platform.errors.ProviderFailed;
import dev.parley.platform.errors.ProviderTimeout;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParleyMetricsTest {

  final ParleyMetrics metrics = new ParleyMetrics();

  @BeforeEach
  void init() {
    metrics.init();
  }

  @AfterEach
  void close() {
    metrics.close();
  }

  static void assertContains(String scrape, String line) {
    assertTrue(scrape.contains(line), () -> "no '" + line + "' in:\n" + scrape);
  }

  @Test
  void requestsAreCountedByMethodEndpointAndStatus() {
    metrics.request("GET", "/v1/models", 200, 1_000_000);
    metrics.request("GET", "/v1/models", 200, 1_000_000);
    metrics.request("GET", "unmatched", 401, 1_000_000);
    String scrape = metrics.scrape();
    assertContains(
        scrape,
        "parley_http_requests_seconds_count{endpoint=\"/v1/models\",method=\"GET\",status=\"200\"} 2");
    assertContains(
        scrape,
        "parley_http_requests_seconds_count{endpoint=\"unmatched\",method=\"GET\",status=\"401\"} 1");
  }

  @Test
  void openStreamsAreReadFromTheAdmissionCounter() {
    AtomicInteger open = new AtomicInteger(3);
    metrics.openStreams(open::get);
    assertContains(metrics.scrape(), "parley_streams_open 3.0");
    open.set(1);
    assertContains(metrics.scrape(), "parley_streams_open 1.0");
  }

  @Test
  void firstTokenTimeFallsIntoItsBucketAndAReplyWithoutTokensIsNotTimed() {
    long start = 1_000_000_000L;
    metrics.firstToken(start, start + Duration.ofMillis(180).toNanos());
    metrics.firstToken(start, 0);
    String scrape = metrics.scrape();
    assertContains(scrape, "parley_stream_first_token_seconds_bucket{le=\"0.1\"} 0");
    assertContains(scrape, "parley_stream_first_token_seconds_bucket{le=\"0.25\"} 1");
    assertContains(scrape, "parley_stream_first_token_seconds_count 1");
  }

  @Test
  void repliesAddTheirTokensOnceAndProviderFailuresByStatus() {
    metrics.replyEnded("completed", null, 40);
    metrics.replyEnded("failed", new ProviderTimeout("slow"), 2);
    metrics.replyEnded("failed", new ProviderFailed("down"), 0);
    metrics.replyEnded("failed", new Overloaded("full", Duration.ofSeconds(1)), 0);
    String scrape = metrics.scrape();
    assertContains(scrape, "parley_tokens_streamed_total 42.0");
    assertContains(scrape, "parley_replies_total{outcome=\"failed\"} 3.0");
    assertContains(scrape, "parley_provider_errors_total{status=\"504\"} 1.0");
    assertContains(scrape, "parley_provider_errors_total{status=\"502\"} 1.0");
    assertTrue(!scrape.contains("parley_provider_errors_total{status=\"503\"}"), scrape);
  }

  @Test
  void refusalsAreCountedByKind() {
    metrics.refused(Refusal.RATE);
    metrics.refused(Refusal.RATE);
    metrics.refused(Refusal.CONCURRENT_STREAMS);
    String scrape = metrics.scrape();
    assertContains(scrape, "parley_refusals_total{kind=\"rate\"} 2.0");
    assertContains(scrape, "parley_refusals_total{kind=\"concurrent_streams\"} 1.0");
  }

  @Test
  void jvmMetricsAreIncluded() {
    assertContains(metrics.scrape(), "jvm_memory_used_bytes");
  }
}
