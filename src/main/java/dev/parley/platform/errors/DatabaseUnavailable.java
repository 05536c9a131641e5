package dev.parley.platform.errors;

import java.time.Duration;

/**
 * 503: the database cannot be reached (or refused the connection). Our outage, never the caller's
 * fault: not a 429, not a 409.
 */
public class DatabaseUnavailable extends RetryLater {

  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  public DatabaseUnavailable() {
    super(503, "the database is unreachable; retry shortly", RETRY_AFTER);
  }
}
