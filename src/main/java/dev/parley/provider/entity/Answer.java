package dev.parley.provider.entity;

import java.util.List;

/**
 * Which model answers a request and why the models before it in its fallback chain were skipped.
 * {@code skipped} is empty when the requested model answered.
 */
public record Answer(String model, String provider, List<Skipped> skipped) {

  public Answer {
    skipped = List.copyOf(skipped);
  }

  public boolean fellBack() {
    return !skipped.isEmpty();
  }

  /** A model of the chain that did not answer: its provider failed before the first token. */
  public record Skipped(String model, String provider, String reason) {}
}
