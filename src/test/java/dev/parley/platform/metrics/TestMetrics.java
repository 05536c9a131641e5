package dev.parley.platform.metrics;

/**
 * A registry as the container would start it, for unit tests of the features that record metrics.
 */
public final class TestMetrics {

  private TestMetrics() {}

  public static ParleyMetrics started() {
    ParleyMetrics metrics = new ParleyMetrics();
    metrics.init();
    return metrics;
  }
}
