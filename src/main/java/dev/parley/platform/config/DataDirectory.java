package dev.parley.platform.config;

import java.nio.file.Path;

/**
 * Where Parley keeps local files (development keys and token, the default H2 database): {@code
 * PARLEY_DATA_DIR}.
 */
public final class DataDirectory {

  static final String KEY = "parley.data-dir";
  static final String DEFAULT = "./data";

  private DataDirectory() {}

  public static Path fromSystem() {
    return Path.of(RuntimeMode.systemValue(KEY).filter(v -> !v.isBlank()).orElse(DEFAULT));
  }
}
