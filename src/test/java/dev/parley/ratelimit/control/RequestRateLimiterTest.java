package dev.parley.ratelimit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.Bucket;
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
