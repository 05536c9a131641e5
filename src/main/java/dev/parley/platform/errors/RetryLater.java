package dev.parley.platform.errors;

import java.time.Duration;
import java.util.Map;

/** A refusal that tells the client when to try again ({@code Retry-After}, in whole seconds). */
public abstract class RetryLater extends ParleyException {

  private final Duration retryAfter;

  protected RetryLater(int status, String detail, Duration retryAfter) {
    super(status, detail);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  @Override
  public Map<String, String> headers() {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return Map.of("Retry-After", Long.toString(seconds));
  }
}
