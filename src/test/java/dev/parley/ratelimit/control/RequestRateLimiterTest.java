package dev.parley.ratelimit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {

  @Test
  void aWindowAllowsExactlyTheLimitThenTellsWhenItRefills() {
    Bucket bucket =
        Bucket.builder()
            .addLimit(RequestRateLimiter.configuration(3, Duration.ofMinutes(1)).getBandwidths()[0])
            .build();
    for (int i = 2; i >= 0; i--) {
      ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
      assertTrue(probe.isConsumed());
      assertEquals(i, probe.getRemainingTokens());
    }
    ConsumptionProbe refused = bucket.tryConsumeAndReturnRemaining(1);
    assertFalse(refused.isConsumed());
    long seconds = RequestRateLimiter.ceilSeconds(refused.getNanosToWaitForRefill());
    assertTrue(seconds > 55 && seconds <= 60, "refill in " + seconds);
  }

  @Test
  void theLocalStoreKeepsOneBucketPerKey() {
    BucketStore store = new LocalBucketStore();
    BucketConfiguration twoPerMinute = RequestRateLimiter.configuration(2, Duration.ofMinutes(1));
    assertTrue(store.bucket("pro:ann", twoPerMinute).tryConsume(1));
    assertTrue(store.bucket("pro:ann", twoPerMinute).tryConsume(1));
    assertFalse(store.bucket("pro:ann", twoPerMinute).tryConsume(1), "ann's window is used up");
    assertTrue(store.bucket("pro:bob", twoPerMinute).tryConsume(1), "bob has his own bucket");
    assertFalse(store.shared());
  }

  @Test
  void theLocalStoreForgetsAllBucketsAtItsBoundStartingThemFull() {
    BucketStore store = new LocalBucketStore(2);
    BucketConfiguration onePerMinute = RequestRateLimiter.configuration(1, Duration.ofMinutes(1));
    assertTrue(store.bucket("a", onePerMinute).tryConsume(1));
    assertTrue(store.bucket("b", onePerMinute).tryConsume(1));
    assertTrue(store.bucket("a", onePerMinute).tryConsume(1), "a third key cleared the store");
  }

  @Test
  void aMissingJCacheApiIsDetectedWithoutLoadingIt() {
    assertTrue(RequestRateLimiter.visible(RequestRateLimiter.JCACHE_API), "on the test classpath");
    assertFalse(RequestRateLimiter.visible("javax.cache.NoSuchProvider"));
  }

  @Test
  void secondsRoundUp() {
    assertEquals(0, RequestRateLimiter.ceilSeconds(0));
    assertEquals(1, RequestRateLimiter.ceilSeconds(1));
    assertEquals(2, RequestRateLimiter.ceilSeconds(1_000_000_001L));
  }

  @Test
  void dailyBudgetsResetAtUtcMidnight() {
    assertEquals(
        Duration.ofHours(1), UsageLedger.untilNextUtcDay(Instant.parse("2026-11-26T23:00:00Z")));
  }
}
