package dev.parley.provider.control;

import dev.parley.platform.config.RuntimeMode;
import dev.parley.provider.entity.ModelDescriptor;
import dev.parley.provider.entity.ProviderKind;
import dev.parley.provider.entity.ProviderSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the providers and the model catalogue from the configuration, or says what is wrong, naming
 * the environment variable to fix. Pure: it works on two lookups (MicroProfile Config, and the
 * process environment for API keys, which are read from nowhere else), so every rule is unit-tested
 * without a server.
 *
 * <ul>
 *   <li>{@code PARLEY_PROVIDERS=openai,anthropic,local}: the named providers, each configured by
 *       {@code PARLEY_PROVIDER_<NAME>_KIND} ({@code openai} = OpenAI-compatible, or {@code
 *       anthropic}), {@code _BASE_URL}, {@code _API_KEY}, and optional timeouts, headers, query
 *       parameters and Anthropic settings ({@link #FIELDS}).
 *   <li>Without {@code PARLEY_PROVIDERS}, {@code PARLEY_OPENAI_BASE_URL} and {@code
 *       PARLEY_OPENAI_API_KEY} define the one provider {@code openai}, as before; without either,
 *       development mode has the simulator.
 *   <li>{@code PARLEY_MODELS=name=provider:upstream-id,...}: the provider prefix counts only when
 *       it is a configured provider's name (upstream ids such as {@code llama3.1:8b} or {@code
 *       org/model} keep their colons and slashes); with a single provider it may be left out.
 *   <li>{@code PARLEY_MODEL_FALLBACKS=gpt-4o=claude,llama;claude=llama}: the models that may
 *       answer, in order, when a model's provider fails before its first token.
 * </ul>
 */
public final class ProviderConfig {

  static final String PROVIDERS = "parley.providers";
  static final String MODELS = "parley.models";
  static final String FALLBACKS = "parley.model-fallbacks";
  static final String LEGACY_URL = "parley.openai.base-url";
  static final String LEGACY_KEY = "parley.openai.api-key";
  static final String CONNECT_TIMEOUT = "parley.provider.connect-timeout-ms";
  static final String IDLE_TIMEOUT = "parley.provider.idle-timeout-ms";
  static final String FIRST_TOKEN_TIMEOUT = "parley.provider.first-token-timeout-ms";

  /** The provider that the one-provider variables define. */
  public static final String LEGACY_NAME = "openai";

  public static final String SIMULATOR = "parley-simulator";

  static final String DEFAULT_ANTHROPIC_URL = "https://api.anthropic.com";
  static final String DEFAULT_ANTHROPIC_VERSION = "2023-06-01";
  static final int DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

  /** The settings of each provider: {@code parley.provider.<name>.<field>}. */
  static final List<String> FIELDS =
      List.of(
          "kind",
          "base-url",
          "api-key",
          "auth-header",
          "connect-timeout-ms",
          "idle-timeout-ms",
          "first-token-timeout-ms",
          "headers",
          "query",
          "anthropic-version",
          "max-tokens");

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
  private static final int MAX_MODEL_NAME = 200;

  /** A configuration Parley cannot start with; the message lists every problem found. */
  public static final class Invalid extends IllegalArgumentException {
    private final List<String> problems;

    Invalid(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  /** The providers by name and the catalogue by public model name, both in configured order. */
  public record Setup(
      Map<String, ProviderSettings> providers, Map<String, ModelDescriptor> models) {}

  private final Function<String, Optional<String>> config;
  private final Function<String, Optional<String>> environment;
  private final List<String> problems = new ArrayList<>();

  private ProviderConfig(
      Function<String, Optional<String>> config, Function<String, Optional<String>> environment) {
    this.config = config;
    this.environment = environment;
  }

  /**
   * @param config MicroProfile Config (or any lookup by property key)
   * @param environment the process environment by variable name: API keys come only from here
   * @param simulator development mode without a provider: every model is simulated
   * @throws Invalid naming every problem and the variable to fix
   */
  public static Setup parse(
      Function<String, Optional<String>> config,
      Function<String, Optional<String>> environment,
      boolean simulator) {
    ProviderConfig parser = new ProviderConfig(config, environment);
    Setup setup = parser.setup(simulator);
    if (!parser.problems.isEmpty()) {
      throw new Invalid(parser.problems);
    }
    return setup;
  }

  private Setup setup(boolean simulator) {
    Map<String, ProviderSettings> providers = providers(simulator);
    Map<String, ModelDescriptor> models = models(providers);
    fallbacks(models);
    return new Setup(providers, models);
  }

  // ---- providers

  private Map<String, ProviderSettings> providers(boolean simulator) {
    Map<String, ProviderSettings> providers = new LinkedHashMap<>();
    Optional<String> named = value(PROVIDERS);
    Optional<String> legacyUrl = value(LEGACY_URL);
    // both defaults live in microprofile-config.properties, like every other key's
    Duration connect = requiredMillis(CONNECT_TIMEOUT);
    Duration idle = requiredMillis(IDLE_TIMEOUT);
    Duration firstToken = millis(FIRST_TOKEN_TIMEOUT, idle.toMillis());
    Defaults defaults = new Defaults(connect, idle, firstToken);
    if (named.isPresent()) {
      Set<String> names = new LinkedHashSet<>();
      for (String raw : named.get().split(",")) {
        String name = raw.trim();
        if (name.isEmpty()) {
          continue;
        }
        if (!NAME.matcher(name).matches()) {
          problem(
              env(PROVIDERS)
                  + ": '"
                  + name
                  + "' is not a provider name (lower-case letters, digits and '-', starting with a"
                  + " letter, at most 40)");
        } else if (!names.add(name)) {
          problem(env(PROVIDERS) + " names '" + name + "' twice");
        }
      }
      if (names.isEmpty()) {
        problem(env(PROVIDERS) + " names no provider");
      }
      if (legacyUrl.isPresent() && !names.contains(LEGACY_NAME)) {
        problem(
            env(LEGACY_URL)
                + " is set, but "
                + env(PROVIDERS)
                + " does not name '"
                + LEGACY_NAME
                + "' (the provider it configures): add it, or unset "
                + env(LEGACY_URL));
      }
      for (String name : names) {
        providers.put(name, provider(name, defaults));
      }
    } else if (legacyUrl.isPresent()) {
      providers.put(LEGACY_NAME, provider(LEGACY_NAME, defaults));
    } else if (simulator) {
      providers.put(
          SIMULATOR,
          new ProviderSettings(
              SIMULATOR,
              ProviderKind.OPENAI,
              null,
              null,
              ProviderSettings.AUTHORIZATION,
              connect,
              idle,
              firstToken,
              Map.of(),
              Map.of(),
              null,
              0,
              true));
    }
    return providers;
  }

  private record Defaults(Duration connect, Duration idle, Duration firstToken) {}

  private ProviderSettings provider(String name, Defaults defaults) {
    boolean legacy = LEGACY_NAME.equals(name);
    ProviderKind kind = kind(name, legacy);
    String urlKey = key(name, "base-url");
    Optional<String> url = value(urlKey);
    if (url.isEmpty() && legacy) {
      urlKey = LEGACY_URL;
      url = value(LEGACY_URL);
    }
    String baseUrl;
    if (url.isPresent()) {
      baseUrl = baseUrl(urlKey, url.get(), kind);
    } else if (kind == ProviderKind.ANTHROPIC) {
      baseUrl = DEFAULT_ANTHROPIC_URL;
    } else {
      problem(
          env(key(name, "base-url"))
              + " is not set: provider '"
              + name
              + "' needs the base URL of its OpenAI-compatible API (e.g."
              + " https://api.openai.com/v1, http://localhost:11434/v1)"
              + (legacy ? " (or " + env(LEGACY_URL) + ")" : ""));
      baseUrl = null;
    }
    String apiKey = apiKey(name, legacy, kind);
    String authHeader =
        value(key(name, "auth-header"))
            .map(h -> headerName(key(name, "auth-header"), h))
            .orElse(kind == ProviderKind.ANTHROPIC ? "x-api-key" : ProviderSettings.AUTHORIZATION);
    Duration connect = millis(key(name, "connect-timeout-ms"), defaults.connect().toMillis());
    Duration idle = millis(key(name, "idle-timeout-ms"), defaults.idle().toMillis());
    if (idle.compareTo(defaults.idle()) > 0) {
      problem(
          env(key(name, "idle-timeout-ms"))
              + " ("
              + idle.toMillis()
              + ") is longer than "
              + env(IDLE_TIMEOUT)
              + " ("
              + defaults.idle().toMillis()
              + "), which bounds every provider's silence (a reply silent for longer is taken for"
              + " abandoned): raise that one too");
    }
    Duration firstToken =
        millis(
            key(name, "first-token-timeout-ms"),
            Math.min(defaults.firstToken().toMillis(), idle.toMillis()));
    if (firstToken.compareTo(idle) > 0) {
      problem(
          env(key(name, "first-token-timeout-ms"))
              + " ("
              + firstToken.toMillis()
              + ") is longer than the provider's idle timeout ("
              + idle.toMillis()
              + "), which ends a silent call first");
    }
    Map<String, String> headers = pairs(key(name, "headers"), true);
    Map<String, String> query = pairs(key(name, "query"), false);
    String version = null;
    int maxTokens = 0;
    if (kind == ProviderKind.ANTHROPIC) {
      version = value(key(name, "anthropic-version")).orElse(DEFAULT_ANTHROPIC_VERSION);
      maxTokens =
          (int) positive(key(name, "max-tokens"), DEFAULT_ANTHROPIC_MAX_TOKENS, Integer.MAX_VALUE);
    } else {
      for (String field : List.of("anthropic-version", "max-tokens")) {
        if (value(key(name, field)).isPresent()) {
          problem(
              env(key(name, field))
                  + " applies to providers of kind anthropic only; '"
                  + name
                  + "' is "
                  + kind.key());
        }
      }
    }
    return new ProviderSettings(
        name,
        kind,
        baseUrl,
        apiKey,
        authHeader,
        connect,
        idle,
        firstToken,
        headers,
        query,
        version,
        maxTokens,
        false);
  }

  private ProviderKind kind(String name, boolean legacy) {
    Optional<String> kind = value(key(name, "kind"));
    if (kind.isEmpty()) {
      if (legacy) {
        return ProviderKind.OPENAI;
      }
      problem(
          env(key(name, "kind"))
              + " is not set: provider '"
              + name
              + "' needs its dialect, openai (OpenAI-compatible: OpenAI, Azure OpenAI, vLLM, Ollama,"
              + " LM Studio...) or anthropic");
      return ProviderKind.OPENAI;
    }
    return ProviderKind.of(kind.get())
        .orElseGet(
            () -> {
              problem(
                  env(key(name, "kind"))
                      + " must be openai or anthropic, not '"
                      + kind.get().trim()
                      + "'");
              return ProviderKind.OPENAI;
            });
  }

  /** An absolute http(s) URL without query; Anthropic's may end in /v1, which Parley adds. */
  private String baseUrl(String key, String raw, ProviderKind kind) {
    String url = raw.trim();
    try {
      URI uri = new URI(url.replace("{model}", "model"));
      if (!uri.isAbsolute()
          || uri.getHost() == null
          || !("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()))) {
        problem(env(key) + " must be an absolute http:// or https:// URL, not '" + url + "'");
        return null;
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        problem(
            env(key)
                + " must not have a query or fragment (query parameters go in "
                + "PARLEY_PROVIDER_<NAME>_QUERY): '"
                + url
                + "'");
        return null;
      }
    } catch (URISyntaxException e) {
      problem(env(key) + " is not a URL: '" + url + "'");
      return null;
    }
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    if (kind == ProviderKind.ANTHROPIC && url.endsWith("/v1")) {
      url = url.substring(0, url.length() - 3);
    }
    return url;
  }

  /**
   * The provider's key, from the environment only. Required for Anthropic; optional for
   * OpenAI-compatible servers (a local Ollama or vLLM has none).
   */
  private String apiKey(String name, boolean legacy, ProviderKind kind) {
    List<String> keys =
        legacy ? List.of(key(name, "api-key"), LEGACY_KEY) : List.of(key(name, "api-key"));
    for (String key : keys) {
      Optional<String> fromEnvironment = fromEnvironment(key);
      if (fromEnvironment.isPresent()) {
        return fromEnvironment.get();
      }
      if (value(key).isPresent()) {
        problem(
            env(key)
                + " must be set as an environment variable: API keys are read from the environment"
                + " only, never from files or system properties");
        return null;
      }
    }
    if (kind == ProviderKind.ANTHROPIC) {
      problem(
          env(key(name, "api-key"))
              + " is not set: provider '"
              + name
              + "' (kind anthropic) needs an API key, from the environment");
    }
    return null;
  }

  /** {@code Name=value} pairs separated by commas (headers or query parameters). */
  private Map<String, String> pairs(String key, boolean headers) {
    Map<String, String> pairs = new LinkedHashMap<>();
    Optional<String> raw = value(key);
    if (raw.isEmpty()) {
      return pairs;
    }
    for (String pair : raw.get().split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair.trim() : pair.substring(0, eq).trim();
      String value = eq < 0 ? "" : pair.substring(eq + 1).trim();
      if (eq <= 0 || name.isEmpty() || (headers && !HEADER_NAME.matcher(name).matches())) {
        problem(
            env(key)
                + ": expected name=value pairs separated by commas, got '"
                + pair.trim()
                + "'");
        continue;
      }
      if (headers && value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        problem(env(key) + ": the value of header '" + name + "' has control characters");
        continue;
      }
      pairs.put(name, value);
    }
    return pairs;
  }

  private String headerName(String key, String raw) {
    String name = raw.trim();
    if (!HEADER_NAME.matcher(name).matches()) {
      problem(env(key) + " must be a header name, not '" + name + "'");
      return ProviderSettings.AUTHORIZATION;
    }
    return name;
  }

  // ---- models

  private Map<String, ModelDescriptor> models(Map<String, ProviderSettings> providers) {
    Map<String, ModelDescriptor> models = new LinkedHashMap<>();
    String spec = value(MODELS).orElse("");
    ProviderSettings only = providers.size() == 1 ? providers.values().iterator().next() : null;
    int entries = 0;
    boolean simulated = only != null && only.simulated();
    for (String pair : spec.split(",")) {
      String entry = pair.trim();
      if (entry.isEmpty()) {
        continue;
      }
      entries++;
      int eq = entry.indexOf('=');
      String name = (eq < 0 ? entry : entry.substring(0, eq)).trim();
      String target = (eq < 0 ? entry : entry.substring(eq + 1)).trim();
      if (name.isEmpty() || target.isEmpty()) {
        problem(env(MODELS) + " entry '" + entry + "' must be name=provider:upstream-id");
        continue;
      }
      if (name.length() > MAX_MODEL_NAME) {
        problem(env(MODELS) + ": model name longer than " + MAX_MODEL_NAME + " characters");
        continue;
      }
      if (models.containsKey(name)) {
        problem(env(MODELS) + " names the model '" + name + "' twice");
        continue;
      }
      ProviderSettings provider = null;
      String upstream = target;
      int colon = target.indexOf(':');
      if (colon > 0 && !simulated && providers.containsKey(target.substring(0, colon).trim())) {
        provider = providers.get(target.substring(0, colon).trim());
        upstream = target.substring(colon + 1).trim();
      } else if (only != null) {
        provider = only;
      }
      if (provider == null) {
        if (providers.isEmpty()) {
          continue; // no provider at all: the start-up check says what to set
        }
        String prefix = colon > 0 ? target.substring(0, colon).trim() : null;
        problem(
            env(MODELS)
                + ": model '"
                + name
                + "' names no provider"
                + (prefix == null ? "" : " ('" + prefix + "' is not one)")
                + "; with several providers ("
                + String.join(", ", providers.keySet())
                + ") write "
                + name
                + "=<provider>:<upstream-id>");
        continue;
      }
      if (upstream.isEmpty()) {
        problem(env(MODELS) + " entry '" + entry + "' has no upstream id after the provider");
        continue;
      }
      models.put(
          name,
          new ModelDescriptor(
              name, upstream, provider.name(), provider.kind(), provider.simulated(), List.of()));
    }
    if (entries == 0 && !providers.isEmpty()) {
      problem(env(MODELS) + " names no model");
    }
    return models;
  }

  /**
   * {@code model=fallback,fallback} entries; an item with {@code =} starts the next entry, and
   * {@code ;} may separate entries too.
   */
  private void fallbacks(Map<String, ModelDescriptor> models) {
    Optional<String> raw = value(FALLBACKS);
    if (raw.isEmpty()) {
      return;
    }
    Map<String, List<String>> chains = new LinkedHashMap<>();
    String current = null;
    for (String item : raw.get().replace(';', ',').split(",")) {
      String text = item.trim();
      if (text.isEmpty()) {
        continue;
      }
      int eq = text.indexOf('=');
      String fallback;
      if (eq >= 0) {
        current = text.substring(0, eq).trim();
        fallback = text.substring(eq + 1).trim();
        if (!models.containsKey(current)) {
          problem(env(FALLBACKS) + ": '" + current + "' is not a model of " + env(MODELS));
          current = null;
          continue;
        }
        if (chains.containsKey(current)) {
          problem(env(FALLBACKS) + " lists the fallbacks of '" + current + "' twice");
          current = null;
          continue;
        }
        chains.put(current, new ArrayList<>());
      } else {
        fallback = text;
      }
      if (current == null) {
        problem(
            env(FALLBACKS)
                + ": '"
                + text
                + "' belongs to no model (write model=fallback,fallback;model=...)");
        continue;
      }
      if (fallback.isEmpty()) {
        continue;
      }
      if (!models.containsKey(fallback)) {
        problem(
            env(FALLBACKS)
                + ": fallback '"
                + fallback
                + "' of '"
                + current
                + "' is not a model of "
                + env(MODELS));
      } else if (fallback.equals(current)) {
        problem(env(FALLBACKS) + ": '" + current + "' cannot fall back to itself");
      } else if (!chains.get(current).contains(fallback)) {
        chains.get(current).add(fallback);
      }
    }
    chains.forEach((model, chain) -> models.put(model, models.get(model).withFallbacks(chain)));
  }

  // ---- values

  private Optional<String> value(String key) {
    return config.apply(key).map(String::trim).filter(v -> !v.isEmpty());
  }

  /** MicroProfile Config's three spellings of a key in the environment. */
  private Optional<String> fromEnvironment(String key) {
    for (String name :
        List.of(key, key.replaceAll("[^A-Za-z0-9]", "_"), RuntimeMode.environmentName(key))) {
      Optional<String> value = environment.apply(name).map(String::trim).filter(v -> !v.isEmpty());
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  /** A key whose default is in {@code microprofile-config.properties}: missing means broken. */
  private Duration requiredMillis(String key) {
    if (value(key).isEmpty()) {
      problem(key + " is missing (its default is in META-INF/microprofile-config.properties)");
      return Duration.ofSeconds(1);
    }
    return millis(key, 1);
  }

  private Duration millis(String key, long fallback) {
    return Duration.ofMillis(positive(key, fallback, Long.MAX_VALUE / 2));
  }

  private long positive(String key, long fallback, long max) {
    Optional<String> raw = value(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(raw.get());
      if (value <= 0 || value > max) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      problem(env(key) + " must be a positive whole number, not '" + raw.get() + "'");
      return fallback;
    }
  }

  private void problem(String text) {
    problems.add(text);
  }

  static String key(String provider, String field) {
    return "parley.provider." + provider + "." + field;
  }

  static String env(String key) {
    return RuntimeMode.environmentName(key);
  }
}
