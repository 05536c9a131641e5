package dev.parley.chat.streaming;

import dev.parley.platform.errors.Overloaded;
import dev.parley.platform.metrics.ParleyMetrics;
import dev.parley.platform.metrics.Refusal;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lets a few turns at a time through their CPU- and database-bound start (storing the messages,
 * building the context), first come first served. When a burst of streams arrives at once, running
 * all their starts in parallel shares the CPU so that every one of them gets its first token only
 * when nearly all have started; queued in order, the first ones are through at once and the median
 * wait halves, with less lock and connection contention on the way.
 *
 * <p>Waiting is bounded, and a stream that would wait past the bound is refused with 503 at once
 * rather than after the wait: its predicted wait is the starts queued ahead of it times the recent
 * duration of a start (a moving average), divided by the permits. A load balancer can then send it
 * to another instance while that is still worth it, and a client never waits silently for a start
 * it will not get. The bound also cuts off a wait that the prediction got wrong.
 */
@ApplicationScoped
public class TurnStartGate {

  /** Weight of the newest start in the moving average: 1/8, about the last dozen starts. */
  private static final int AVERAGE_WEIGHT = 8;

  @Inject
  @ConfigProperty(name = "parley.chat.max-concurrent-starts")
  int configuredPermits;

  @Inject
  @ConfigProperty(name = "parley.chat.start-queue-timeout-ms")
  long queueTimeoutMs;

  @Inject ParleyMetrics metrics;

  private Semaphore permits;
  private int permitCount;

  /** Turns inside {@link #pass}: starting or queued. */
  private final AtomicInteger entered = new AtomicInteger();

  private final AtomicLong averageStartNanos = new AtomicLong();

  @PostConstruct
  void init() {
    permitCount = permits(configuredPermits);
    permits = new Semaphore(permitCount, true);
  }

  /** 0 means: four per core, enough to overlap database round trips without time-slicing. */
  static int permits(int configured) {
    return configured > 0 ? configured : 4 * Runtime.getRuntime().availableProcessors();
  }

  public <T> T pass(Supplier<T> start) {
    int ahead = entered.getAndIncrement();
    try {
      if (predictedWaitNanos(ahead, permitCount, averageStartNanos.get())
          > TimeUnit.MILLISECONDS.toNanos(queueTimeoutMs)) {
        throw busy();
      }
      if (!acquire()) {
        throw busy();
      }
      long started = System.nanoTime();
      try {
        return start.get();
      } finally {
        permits.release();
        recordStart(System.nanoTime() - started);
      }
    } finally {
      entered.decrementAndGet();
    }
  }

  /**
   * How long a turn that finds {@code ahead} turns in the gate waits for a permit: none while a
   * permit is free, else until {@code ahead - permits + 1} starts ended, {@code permits} at a time.
   */
  static long predictedWaitNanos(int ahead, int permits, long averageStartNanos) {
    long queuedAhead = (long) ahead - permits + 1;
    return queuedAhead <= 0 ? 0 : queuedAhead * averageStartNanos / permits;
  }

  void recordStart(long nanos) {
    averageStartNanos.accumulateAndGet(nanos, TurnStartGate::movingAverage);
  }

  static long movingAverage(long average, long sample) {
    return average == 0 ? sample : average + (sample - average) / AVERAGE_WEIGHT;
  }

  private boolean acquire() {
    try {
      return permits.tryAcquire(queueTimeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Overloaded busy() {
    metrics.refused(Refusal.START_QUEUE);
    return new Overloaded(
        "Parley is busy starting other streams; retry shortly", StreamAdmission.RETRY_AFTER);
  }
}
