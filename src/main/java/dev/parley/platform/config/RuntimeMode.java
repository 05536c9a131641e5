package dev.parley.platform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides, from the raw settings, whether Parley runs in development mode and which development
 * conveniences are on. Development mode is what the operator asked for ({@code
 * PARLEY_DEV_MODE=true}) <em>and</em> no real JWT key is configured: a configured key always wins,
 * so a production setting can never be weakened by a leftover flag. The simulator answers only in
 * development mode and only while no provider is configured.
 *
 * <p>Works from a plain lookup function rather than MicroProfile Config because the development key
 * is itself supplied through a config source, which must decide without asking Config (no
 * recursion).
 */
public record RuntimeMode(
    boolean devModeRequested, boolean jwtKeyConfigured, boolean providerConfigured) {

  static final String DEV_MODE = "parley.dev-mode";
  static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
  static final String PUBLIC_KEY_LOCATION = "mp.jwt.verify.publickey.location";
  static final String PROVIDER_URL = "parley.openai.base-url";
  static final String PROVIDERS = "parley.providers";

  /**
   * Reads system properties first, then environment variables named the MicroProfile Config way.
   */
  public static RuntimeMode fromSystem() {
    return detect(RuntimeMode::systemValue);
  }

  public static RuntimeMode detect(Function<String, Optional<String>> lookup) {
    boolean requested =
        lookup.apply(DEV_MODE).map(v -> v.trim().equalsIgnoreCase("true")).orElse(false);
    boolean key = present(lookup, PUBLIC_KEY) || present(lookup, PUBLIC_KEY_LOCATION);
    return new RuntimeMode(
        requested, key, present(lookup, PROVIDER_URL) || present(lookup, PROVIDERS));
  }

  public boolean devMode() {
    return devModeRequested && !jwtKeyConfigured;
  }

  /** Generate a development key pair and print a development token. */
  public boolean developmentKeys() {
    return devMode();
  }

  /** Serve the built-in provider simulator. */
  public boolean simulator() {
    return devMode() && !providerConfigured;
  }

  /** What stops start-up outside development mode; empty when Parley can start. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!devMode() && !jwtKeyConfigured) {
      problems.add(
          "no JWT verification key configured: set MP_JWT_VERIFY_PUBLICKEY_LOCATION (a file:// or https:// URL)"
              + " or MP_JWT_VERIFY_PUBLICKEY, or PARLEY_DEV_MODE=true for local development");
    }
    if (!simulator() && !providerConfigured) {
      problems.add(
          "no LLM provider configured: set PARLEY_OPENAI_BASE_URL (and PARLEY_OPENAI_API_KEY) for"
              + " one OpenAI-compatible provider, or PARLEY_PROVIDERS with"
              + " PARLEY_PROVIDER_<NAME>_KIND, _BASE_URL and _API_KEY for several, or"
              + " PARLEY_DEV_MODE=true to use the built-in simulator");
    }
    return problems;
  }

  private static boolean present(Function<String, Optional<String>> lookup, String key) {
    return lookup.apply(key).filter(v -> !v.isBlank()).isPresent();
  }

  static Optional<String> systemValue(String key) {
    String property = System.getProperty(key);
    if (property != null) {
      return Optional.of(property);
    }
    return Optional.ofNullable(System.getenv(environmentName(key)));
  }

  /** MicroProfile Config's mapping: non-alphanumerics become underscores, then upper case. */
  public static String environmentName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }
}
