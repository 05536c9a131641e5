package dev.parley.platform.errors;

import java.time.Duration;

/** 503: this instance is at capacity or shutting down. */
public class Overloaded extends RetryLater {

  public Overloaded(String detail, Duration retryAfter) {
    super(503, detail, retryAfter);
  }
}
