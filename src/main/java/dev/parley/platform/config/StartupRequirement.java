package dev.parley.platform.config;

import java.util.List;

/**
 * A feature's own configuration rules, checked by {@link StartupCheck} before Parley starts: each
 * problem names the variable to fix. Implemented by CDI beans of the features, so that this package
 * needs to know none of them.
 */
public interface StartupRequirement {

  /** What stops the start-up; empty when the feature's configuration is usable. */
  List<String> problems();
}
