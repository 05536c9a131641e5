package dev.parley.platform.metrics;

import java.util.Locale;

/** Why a request was refused, as counted in {@code parley_refusals_total{kind}}. */
public enum Refusal {
  /** the tier's request rate (429) */
  RATE,
  /** the tier's daily tokens (429) */
  TOKENS,
  /** the tier's concurrent streams (429) */
  CONCURRENT_STREAMS,
  /** the user's own requests held the lock too long (429) */
  BUSY,
  /** this instance's open-stream capacity (503) */
  CAPACITY,
  /** this instance's queue of turn starts: the stream would have waited too long (503) */
  START_QUEUE;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
