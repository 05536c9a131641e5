package dev.parley.chat.streaming;

import dev.parley.platform.errors.Overloaded;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lets a few turns at a time through their CPU- and database-bound start (storing the messages,
 * building the context), first come first served. When a burst of streams arrives at once, running
 * all their starts in parallel shares the CPU so that every one of them gets its first token only
 * when nearly all have started; queued in order, the first ones are through at once and the median
 * wait halves, with less lock and connection contention on the way. Waiting is bounded: past it the
 * stream is refused with 503.
 */
@ApplicationScoped
public class TurnStartGate {

  @Inject
  @ConfigProperty(name = "parley.chat.max-concurrent-starts")
  int configuredPermits;

  @Inject
  @ConfigProperty(name = "parley.chat.start-queue-timeout-ms")
  long queueTimeoutMs;

  private Semaphore permits;

  @PostConstruct
  void init() {
    permits = new Semaphore(permits(configuredPermits), true);
  }

  /** 0 means: four per core, enough to overlap database round trips without time-slicing. */
  static int permits(int configured) {
    return configured > 0 ? configured : 4 * Runtime.getRuntime().availableProcessors();
  }

  public <T> T pass(Supplier<T> start) {
    boolean admitted;
    try {
      admitted = permits.tryAcquire(queueTimeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      admitted = false;
    }
    if (!admitted) {
      throw new Overloaded(
          "Parley is busy starting other streams; retry shortly", StreamAdmission.RETRY_AFTER);
    }
    try {
      return start.get();
    } finally {
      permits.release();
    }
  }
}
