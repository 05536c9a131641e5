package dev.parley.chat.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.errors.Overloaded;
import dev.parley.platform.metrics.ParleyMetrics;
import dev.parley.platform.metrics.TestMetrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The start gate's queue: first come first served, and a hopeless wait is refused at once. */
class TurnStartGateTest {

  static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  /** Far beyond any test's runtime: a refusal that came must have come without waiting for it. */
  static final long HOUR_MS = TimeUnit.HOURS.toMillis(1);

  final ParleyMetrics metrics = TestMetrics.started();

  @Test
  void nobodyWaitsWhileAPermitIsFree() {
    assertEquals(0, TurnStartGate.predictedWaitNanos(0, 4, 10 * SECOND));
    assertEquals(0, TurnStartGate.predictedWaitNanos(3, 4, 10 * SECOND));
  }

  @Test
  void theWaitGrowsWithTheQueueAndShrinksWithThePermits() {
    assertEquals(2 * SECOND, TurnStartGate.predictedWaitNanos(1, 1, 2 * SECOND));
    assertEquals(SECOND, TurnStartGate.predictedWaitNanos(5, 4, 2 * SECOND)); // 2 queued, 4 at once
    assertEquals(5 * SECOND, TurnStartGate.predictedWaitNanos(11, 2, SECOND));
  }

  @Test
  void theAverageStartsAtTheFirstSampleThenMovesAnEighthOfTheWay() {
    assertEquals(800, TurnStartGate.movingAverage(0, 800));
    assertEquals(900, TurnStartGate.movingAverage(800, 1600));
    assertEquals(700, TurnStartGate.movingAverage(800, 0));
  }

  @Test
  void aStreamThatWouldWaitPastTheBoundIsRefusedAtOnce() throws Exception {
    TurnStartGate gate = TestRuntime.gate(1, HOUR_MS, metrics);
    gate.recordStart(TimeUnit.HOURS.toNanos(2)); // starts take two hours: one ahead is too many
    Holder first = Holder.holding(gate);
    Overloaded refused =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> assertThrows(Overloaded.class, () -> gate.pass(() -> "second")));
    assertEquals(Duration.ofSeconds(2), refused.retryAfter());
    assertTrue(
        metrics.scrape().contains("parley_refusals_total{kind=\"start_queue\"} 1.0"),
        "the refusal is counted");
    first.release();
    assertEquals("third", gate.pass(() -> "third")); // the gate is free again, whatever the average
  }

  @Test
  void aStreamWithinTheBoundWaitsForItsTurn() throws Exception {
    TurnStartGate gate = TestRuntime.gate(1, HOUR_MS, metrics);
    gate.recordStart(TimeUnit.MILLISECONDS.toNanos(1));
    Holder first = Holder.holding(gate);
    CompletableFuture<String> second =
        CompletableFuture.supplyAsync(() -> gate.pass(() -> "second"));
    Thread.sleep(100);
    assertEquals(false, second.isDone()); // queued behind the first, not refused
    first.release();
    assertEquals("second", second.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aWaitThePredictionGotWrongIsStillCutOffAtTheBound() throws Exception {
    TurnStartGate gate = TestRuntime.gate(1, 50, metrics);
    Holder first =
        Holder.holding(gate); // no start has ended yet: the prediction is zero, the bound decides
    assertThrows(Overloaded.class, () -> gate.pass(() -> "second"));
    first.release();
  }

  /** A turn that holds the gate's permit until released. */
  record Holder(CountDownLatch letGo, CompletableFuture<String> start) {

    static Holder holding(TurnStartGate gate) throws InterruptedException {
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<String> start =
          CompletableFuture.supplyAsync(
              () ->
                  gate.pass(
                      () -> {
                        holding.countDown();
                        await(release);
                        return "first";
                      }));
      holding.await();
      return new Holder(release, start);
    }

    /** Lets the turn end; it passed the gate. */
    void release() throws Exception {
      letGo.countDown();
      assertEquals("first", start.get(10, TimeUnit.SECONDS));
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
