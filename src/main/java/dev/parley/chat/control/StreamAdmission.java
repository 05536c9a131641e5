package dev.parley.chat.control;

import dev.parley.platform.errors.Overloaded;
import dev.parley.platform.metrics.ParleyMetrics;
import dev.parley.platform.metrics.Refusal;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission control for provider calls on this instance: beyond the configured number of open
 * streams a new one is refused up front with 503 and {@code Retry-After}, instead of being accepted
 * and starved.
 */
@ApplicationScoped
public class StreamAdmission {

  static final Duration RETRY_AFTER = Duration.ofSeconds(2);

  @Inject ChatSettings settings;
  @Inject ParleyMetrics metrics;

  private final AtomicInteger open = new AtomicInteger();

  @PostConstruct
  void exposeOpenStreams() {
    metrics.openStreams(open::get);
  }

  public Ticket admit() {
    int limit = settings.maxOpenStreams();
    while (true) {
      int current = open.get();
      if (current >= limit) {
        metrics.refused(Refusal.CAPACITY);
        throw new Overloaded(
            "Parley is at capacity (" + limit + " open streams on this instance); retry shortly",
            RETRY_AFTER);
      }
      if (open.compareAndSet(current, current + 1)) {
        return new Ticket();
      }
    }
  }

  public int openStreams() {
    return open.get();
  }

  /** One admitted stream; releasing it twice is harmless. */
  public final class Ticket implements AutoCloseable {

    private final AtomicBoolean released = new AtomicBoolean();

    @Override
    public void close() {
      if (released.compareAndSet(false, true)) {
        open.decrementAndGet();
      }
    }
  }
}
