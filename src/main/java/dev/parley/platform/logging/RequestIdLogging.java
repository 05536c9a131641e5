package dev.parley.platform.logging;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Puts the request id on every Parley log line written on a request thread: a handler on the {@code
 * dev.parley} logger sees each record of Parley's loggers before the server's own handlers format
 * it, and prefixes its message with {@code [request_id=...]}. Removed again when the application
 * stops.
 */
@WebListener
public class RequestIdLogging implements ServletContextListener {

  static final String PARLEY_LOGGERS = "dev.parley";

  /** Held strongly: JUL keeps loggers only weakly, and with the logger its handler would go. */
  private Logger parley;

  private final Handler prefixer = new Prefixer();

  @Override
  public void contextInitialized(ServletContextEvent event) {
    parley = Logger.getLogger(PARLEY_LOGGERS);
    parley.addHandler(prefixer);
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    parley.removeHandler(prefixer);
  }

  /** Changes the record in place; outputs nothing itself. */
  static final class Prefixer extends Handler {

    @Override
    public void publish(LogRecord record) {
      String id = RequestContext.requestId();
      if (id != null && !AccessLogFilter.ACCESS_LOGGER.equals(record.getLoggerName())) {
        record.setMessage(prefixed(id, record.getMessage()));
      }
    }

    static String prefixed(String id, String message) {
      return "[request_id=" + id + "] " + message;
    }

    @Override
    public void flush() {
      // nothing buffered
    }

    @Override
    public void close() {
      // nothing held
    }
  }
}
