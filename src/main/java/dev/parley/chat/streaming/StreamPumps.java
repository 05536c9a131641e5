package dev.parley.chat.streaming;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that pump replies to clients: one per open stream, container-managed (from the
 * server's {@link ManagedThreadFactory}, so they run with the application's context), reused, and
 * gone after a minute idle. Not a {@code ManagedExecutorService}: Payara's captures the caller's
 * context for every task, a scan of the application's class path per stream (profiled); a managed
 * thread gets its context once. No cap here: {@link StreamAdmission} bounds the open streams, and
 * never the server's default executor (its 200-task cap answered stream 201 with a 500).
 */
@ApplicationScoped
public class StreamPumps {

  static final long IDLE_SECONDS = 60;

  @Resource ManagedThreadFactory threads;

  private ThreadPoolExecutor pool;

  @PostConstruct
  void start() {
    pool =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            threads);
  }

  /** Runs {@code pump} on a thread of its own; throws {@code RejectedExecutionException}. */
  public void execute(Runnable pump) {
    pool.execute(pump);
  }

  @PreDestroy
  void stop() {
    pool.shutdown();
  }
}
