package dev.parley.platform.boundary;

import dev.parley.platform.errors.RequestTimeout;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Request bodies must arrive within a deadline: a client that sends one byte a second, or announces
 * a {@code Content-Length} it never sends, would otherwise hold a request thread until the server's
 * own idle timeout (Payara: 30 s per silent read, forever for a slow trickle). {@link #guard} wraps
 * a body: every read past the deadline fails with 408, and a read still blocked at the deadline is
 * interrupted (one watchdog thread, armed only while a read actually waits for the network).
 */
@ApplicationScoped
public class BodyDeadlines {

  @Resource ManagedThreadFactory threads;

  private ScheduledThreadPoolExecutor watchdog;

  @PostConstruct
  void start() {
    watchdog = new ScheduledThreadPoolExecutor(1, threads);
    watchdog.setRemoveOnCancelPolicy(true);
  }

  @PreDestroy
  void stop() {
    watchdog.shutdownNow();
  }

  /** {@code body}, cut off {@code limit} from now with a {@link RequestTimeout}. */
  public InputStream guard(InputStream body, Duration limit) {
    return new Guarded(body, limit);
  }

  private final class Guarded extends FilterInputStream {

    private final Duration limit;
    private final long deadline;

    Guarded(InputStream in, Duration limit) {
      super(in);
      this.limit = limit;
      this.deadline = System.nanoTime() + limit.toNanos();
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw timedOut();
      }
      if (in.available() > 0) {
        return in.read(buffer, offset, length); // buffered already: no wait to guard
      }
      Interrupter interrupter = new Interrupter(Thread.currentThread());
      ScheduledFuture<?> armed = watchdog.schedule(interrupter, left, TimeUnit.NANOSECONDS);
      int n;
      try {
        n = in.read(buffer, offset, length);
      } catch (IOException | RuntimeException e) {
        if (disarm(armed, interrupter)) {
          throw timedOut();
        }
        throw e;
      }
      if (disarm(armed, interrupter)) {
        throw timedOut(); // whatever the interrupted read returned, the body is incomplete
      }
      return n;
    }

    private boolean disarm(ScheduledFuture<?> armed, Interrupter interrupter) {
      armed.cancel(false);
      return interrupter.disarm() || System.nanoTime() - deadline >= 0;
    }

    private RequestTimeout timedOut() {
      return new RequestTimeout(
          "the request body did not arrive within " + limit.toMillis() + " ms");
    }
  }

  /**
   * Interrupts the reading thread at the deadline, unless the read finished first. {@link #disarm}
   * never leaves an interrupt behind on a container thread: if the interrupt raced the end of the
   * read, it waits for it and clears it.
   */
  static final class Interrupter implements Runnable {

    private static final int READING = 0;
    private static final int DONE = 1;
    private static final int FIRING = 2;
    private static final int FIRED = 3;

    private final Thread reader;
    private final AtomicInteger state = new AtomicInteger(READING);

    Interrupter(Thread reader) {
      this.reader = reader;
    }

    @Override
    public void run() {
      if (state.compareAndSet(READING, FIRING)) {
        reader.interrupt();
        state.set(FIRED);
      }
    }

    /** True when the interrupt fired (its flag is cleared again). */
    boolean disarm() {
      if (state.compareAndSet(READING, DONE)) {
        return false;
      }
      while (state.get() != FIRED) {
        Thread.onSpinWait();
      }
      Thread.interrupted(); // clears the flag this watchdog set
      return true;
    }
  }
}
