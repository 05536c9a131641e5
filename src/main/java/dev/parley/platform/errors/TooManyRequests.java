package dev.parley.platform.errors;

import java.time.Duration;

/** 429: the caller's own limit (rate, tokens, concurrent streams) is used up. */
public class TooManyRequests extends RetryLater {

  public TooManyRequests(String detail, Duration retryAfter) {
    super(429, detail, retryAfter);
  }
}
