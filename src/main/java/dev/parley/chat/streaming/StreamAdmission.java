package dev.parley.chat.streaming;

import dev.parley.chat.control.ChatSettings;
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
 * and starved. While the instance shuts down, every new stream is refused the same way.
 */
@ApplicationScoped
public class StreamAdmission {

  static final Duration RETRY_AFTER = Duration.ofSeconds(2);

  @Inject ChatSettings settings;
  @Inject ParleyMetrics metrics;

  private final AtomicInteger open = new AtomicInteger();
  private volatile boolean draining;

  @PostConstruct
  void exposeOpenStreams() {
    metrics.openStreams(open::get);
  }

  public Ticket admit() {
    if (draining) {
      throw new Overloaded(
          "this Parley instance is shutting down; retry (another instance will answer)",
          RETRY_AFTER);
    }
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

  /** From now on every new stream is refused with 503: the instance is shutting down. */
  public void stopAdmitting() {
    draining = true;
  }

  public boolean isDraining() {
    return draining;
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
