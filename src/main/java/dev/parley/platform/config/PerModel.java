package dev.parley.platform.config;

import java.util.HashMap;
import java.util.Map;

/**
 * A number with per-model overrides, configured as {@code model=value} pairs, e.g. {@code
 * gpt-4=6000,gpt-4o=100000}. Models not listed get the default.
 */
public final class PerModel {

  private final int defaultValue;
  private final Map<String, Integer> overrides;

  private PerModel(int defaultValue, Map<String, Integer> overrides) {
    this.defaultValue = defaultValue;
    this.overrides = Map.copyOf(overrides);
  }

  /**
   * @throws IllegalArgumentException for a malformed pair, so that a typo stops the start-up, not a
   *     chat
   */
  public static PerModel parse(String name, int defaultValue, String pairs) {
    Map<String, Integer> overrides = new HashMap<>();
    if (pairs != null) {
      for (String pair : pairs.split(",")) {
        if (pair.isBlank()) {
          continue;
        }
        String[] parts = pair.split("=", 2);
        try {
          int value = Integer.parseInt(parts[1].trim());
          if (parts[0].isBlank() || value <= 0) {
            throw new NumberFormatException();
          }
          overrides.put(parts[0].trim(), value);
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
          throw new IllegalArgumentException(
              name
                  + ": expected model=positive-number pairs separated by commas, got '"
                  + pair.trim()
                  + "'");
        }
      }
    }
    return new PerModel(defaultValue, overrides);
  }

  public int forModel(String model) {
    return overrides.getOrDefault(model, defaultValue);
  }
}
