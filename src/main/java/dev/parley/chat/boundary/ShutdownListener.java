package dev.parley.chat.boundary;

import dev.parley.chat.streaming.StreamDrain;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drains the open streams on SIGTERM. The JVM runs this shutdown hook at the same time as the
 * server's own; Payara Micro started with {@code --shutdowngrace} keeps the application and the
 * open connections up for that long (answering new requests with 503 itself), so the drain can let
 * streams finish and store the ones it must cut off. Payara closes the application's class loader
 * at the start of its shutdown, though: the drain can only use classes loaded before (see {@link
 * StreamDrain#prepare}). Undeploying waits for a running drain.
 */
@WebListener
public class ShutdownListener implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(ShutdownListener.class.getName());

  @Inject StreamDrain drain;

  private Thread hook;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    drain.prepare();
    hook = new Thread(this::drainQuietly, "parley-shutdown-drain");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook); // an undeploy, not a shutdown
      drainQuietly();
    } catch (IllegalStateException shuttingDown) {
      try {
        hook.join(drain.longestDrain().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void drainQuietly() {
    try {
      drain.drain();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "draining the open streams failed", e);
    }
  }
}
