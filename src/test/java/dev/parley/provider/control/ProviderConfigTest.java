package dev.parley.provider.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.config.RuntimeMode;
import dev.parley.provider.entity.ModelDescriptor;
import dev.parley.provider.entity.ProviderKind;
import dev.parley.provider.entity.ProviderSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The provider and catalogue configuration, and the start-up refusals that name the variable. */
class ProviderConfigTest {

  /** The application's own defaults, as the server reads them (below the environment). */
  static final Properties DEFAULTS = defaults();

  /**
   * Configuration from environment variables, found by MicroProfile Config's rule, over the
   * application's defaults.
   */
  static ProviderConfig.Setup parse(Map<String, String> env, boolean simulator) {
    return ProviderConfig.parse(
        key ->
            Optional.ofNullable(env.get(RuntimeMode.environmentName(key)))
                .or(() -> Optional.ofNullable(DEFAULTS.getProperty(key))),
        name -> Optional.ofNullable(env.get(name)),
        simulator);
  }

  private static Properties defaults() {
    Properties defaults = new Properties();
    try (InputStream in =
        ProviderConfigTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
      defaults.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return defaults;
  }

  static ProviderConfig.Setup parse(String... env) {
    return parse(pairs(env), false);
  }

  static List<String> problems(String... env) {
    return assertThrows(ProviderConfig.Invalid.class, () -> parse(env)).problems();
  }

  /** Each problem names its variable. */
  static void refused(String variable, String... env) {
    List<String> problems = problems(env);
    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith(variable)),
        () -> "expected a problem naming " + variable + ": " + problems);
  }

  static Map<String, String> pairs(String... env) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i + 1 < env.length; i += 2) {
      map.put(env[i], env[i + 1]);
    }
    return map;
  }

  @Test
  void theOneProviderVariablesKeepWorkingAsTheProviderOpenai() {
    ProviderConfig.Setup setup =
        parse(
            "PARLEY_OPENAI_BASE_URL", "https://api.openai.com/v1/",
            "PARLEY_OPENAI_API_KEY", "sk-1",
            "PARLEY_MODELS", " gpt-4 = gpt-4-0613 ,fast=llama3:8b,, solo");
    ProviderSettings openai = setup.providers().get("openai");
    assertEquals(ProviderKind.OPENAI, openai.kind());
    assertEquals("https://api.openai.com/v1", openai.baseUrl());
    assertEquals("Bearer sk-1", openai.authValue());
    assertEquals(List.of("gpt-4", "fast", "solo"), List.copyOf(setup.models().keySet()));
    assertEquals("gpt-4-0613", setup.models().get("gpt-4").upstreamId());
    assertEquals("llama3:8b", setup.models().get("fast").upstreamId(), "colons stay in ids");
    assertEquals("solo", setup.models().get("solo").upstreamId());
    assertEquals("openai", setup.models().get("solo").provider());
    assertEquals(Duration.ofSeconds(60), openai.idleTimeout());
    assertEquals(Duration.ofSeconds(10), openai.connectTimeout());
    assertEquals(
        Duration.ofSeconds(60), openai.firstTokenTimeout(), "defaults to the idle timeout");
    assertFalse(openai.toString().contains("sk-1"), "the key is never printed");
  }

  @Test
  void withoutTheApplicationsDefaultsTheTimeoutsAreMissingNotMadeUp() {
    ProviderConfig.Invalid invalid =
        assertThrows(
            ProviderConfig.Invalid.class,
            () -> ProviderConfig.parse(key -> Optional.empty(), name -> Optional.empty(), true));
    List<String> missing =
        List.of(
            "parley.provider.connect-timeout-ms is missing (its default is in"
                + " META-INF/microprofile-config.properties)",
            "parley.provider.idle-timeout-ms is missing (its default is in"
                + " META-INF/microprofile-config.properties)");
    assertTrue(invalid.problems().containsAll(missing), invalid.problems()::toString);
  }

  @Test
  void namedProvidersOfBothDialectsWithTheirModelsAndFallbacks() {
    ProviderConfig.Setup setup =
        parse(
            "PARLEY_PROVIDERS", "openai, anthropic,local",
            "PARLEY_PROVIDER_OPENAI_KIND", "openai",
            "PARLEY_PROVIDER_OPENAI_BASE_URL", "https://api.openai.com/v1",
            "PARLEY_PROVIDER_OPENAI_API_KEY", "sk-o",
            "PARLEY_PROVIDER_ANTHROPIC_KIND", "Anthropic",
            "PARLEY_PROVIDER_ANTHROPIC_API_KEY", "sk-a",
            "PARLEY_PROVIDER_ANTHROPIC_FIRST_TOKEN_TIMEOUT_MS", "5000",
            "PARLEY_PROVIDER_LOCAL_KIND", "openai",
            "PARLEY_PROVIDER_LOCAL_BASE_URL", "http://127.0.0.1:11434/v1",
            "PARLEY_MODELS",
                "gpt-4o=openai:gpt-4o,claude=anthropic:claude-sonnet-4-5,"
                    + "llama=local:llama3.1:8b,qwen=local:Qwen/Qwen2.5-7B-Instruct",
            "PARLEY_MODEL_FALLBACKS", "gpt-4o=claude,llama;claude=llama");
    assertEquals(List.of("openai", "anthropic", "local"), List.copyOf(setup.providers().keySet()));
    ProviderSettings anthropic = setup.providers().get("anthropic");
    assertEquals(ProviderKind.ANTHROPIC, anthropic.kind());
    assertEquals("https://api.anthropic.com", anthropic.baseUrl(), "Anthropic's own by default");
    assertEquals("x-api-key", anthropic.authHeader());
    assertEquals("sk-a", anthropic.authValue());
    assertEquals("2023-06-01", anthropic.anthropicVersion());
    assertEquals(4096, anthropic.maxTokens());
    assertEquals(Duration.ofSeconds(5), anthropic.firstTokenTimeout());
    ProviderSettings local = setup.providers().get("local");
    assertNull(local.apiKey(), "a local OpenAI-compatible server needs no key");
    ModelDescriptor llama = setup.models().get("llama");
    assertEquals("local", llama.provider());
    assertEquals("llama3.1:8b", llama.upstreamId());
    assertEquals("Qwen/Qwen2.5-7B-Instruct", setup.models().get("qwen").upstreamId());
    assertEquals(ProviderKind.ANTHROPIC, setup.models().get("claude").kind());
    assertEquals(List.of("claude", "llama"), setup.models().get("gpt-4o").fallbacks());
    assertEquals(List.of("llama"), setup.models().get("claude").fallbacks());
    assertEquals(List.of(), llama.fallbacks());
  }

  @Test
  void aColonPrefixCountsOnlyWhenItIsAProviderName() {
    ProviderConfig.Setup setup =
        parse(
            "PARLEY_PROVIDERS", "local",
            "PARLEY_PROVIDER_LOCAL_KIND", "openai",
            "PARLEY_PROVIDER_LOCAL_BASE_URL", "http://127.0.0.1:8000/v1",
            "PARLEY_MODELS", "a=local:llama3:8b,b=llama3:8b,c=hf:org/model");
    assertEquals("llama3:8b", setup.models().get("a").upstreamId());
    assertEquals("llama3:8b", setup.models().get("b").upstreamId());
    assertEquals("hf:org/model", setup.models().get("c").upstreamId());
  }

  @Test
  void azureKeyHeaderExtraHeadersAndQuery() {
    ProviderSettings azure =
        parse(
                "PARLEY_PROVIDERS", "azure",
                "PARLEY_PROVIDER_AZURE_KIND", "openai",
                "PARLEY_PROVIDER_AZURE_BASE_URL",
                    "https://res.openai.azure.com/openai/deployments/{model}",
                "PARLEY_PROVIDER_AZURE_API_KEY", "az-key",
                "PARLEY_PROVIDER_AZURE_AUTH_HEADER", "api-key",
                "PARLEY_PROVIDER_AZURE_QUERY", "api-version=2024-10-21",
                "PARLEY_PROVIDER_AZURE_HEADERS", "X-Team=platform, OpenAI-Organization=org-1",
                "PARLEY_MODELS", "gpt-4o=azure:my-gpt4o-deployment")
            .providers()
            .get("azure");
    assertEquals("api-key", azure.authHeader());
    assertEquals("az-key", azure.authValue(), "the key as it is, no Bearer");
    assertEquals(Map.of("api-version", "2024-10-21"), azure.query());
    assertEquals(Map.of("X-Team", "platform", "OpenAI-Organization", "org-1"), azure.headers());
    assertTrue(azure.baseUrl().endsWith("/deployments/{model}"));
  }

  @Test
  void anthropicBaseUrlMayEndInV1() {
    assertEquals(
        "http://127.0.0.1:9000",
        parse(
                "PARLEY_PROVIDERS", "claude",
                "PARLEY_PROVIDER_CLAUDE_KIND", "anthropic",
                "PARLEY_PROVIDER_CLAUDE_BASE_URL", "http://127.0.0.1:9000/v1/",
                "PARLEY_PROVIDER_CLAUDE_API_KEY", "k",
                "PARLEY_MODELS", "c=claude-x")
            .providers()
            .get("claude")
            .baseUrl());
  }

  @Test
  void developmentModeWithoutProvidersSimulatesEveryModel() {
    ProviderConfig.Setup setup =
        parse(pairs("PARLEY_MODELS", "gpt-4=gpt-4,c=anthropic:claude"), true);
    assertTrue(setup.providers().get(ProviderConfig.SIMULATOR).simulated());
    assertTrue(setup.models().get("c").simulated());
    assertEquals("anthropic:claude", setup.models().get("c").upstreamId());
  }

  @Test
  void unknownProviderOfAModelIsRefusedNamingTheVariable() {
    refused(
        "PARLEY_MODELS",
        "PARLEY_PROVIDERS",
        "openai,anthropic",
        "PARLEY_PROVIDER_OPENAI_KIND",
        "openai",
        "PARLEY_PROVIDER_OPENAI_BASE_URL",
        "https://api.openai.com/v1",
        "PARLEY_PROVIDER_ANTHROPIC_KIND",
        "anthropic",
        "PARLEY_PROVIDER_ANTHROPIC_API_KEY",
        "k",
        "PARLEY_MODELS",
        "claude=antropic:claude-sonnet");
    assertTrue(
        problems(
                "PARLEY_PROVIDERS", "openai,anthropic",
                "PARLEY_PROVIDER_OPENAI_KIND", "openai",
                "PARLEY_PROVIDER_OPENAI_BASE_URL", "https://api.openai.com/v1",
                "PARLEY_PROVIDER_ANTHROPIC_KIND", "anthropic",
                "PARLEY_PROVIDER_ANTHROPIC_API_KEY", "k",
                "PARLEY_MODELS", "claude=antropic:claude-sonnet,gpt=gpt-4o")
            .get(0)
            .contains("'antropic' is not one"));
  }

  @Test
  void aModelWithoutProviderAmongSeveralIsRefused() {
    List<String> problems =
        problems(
            "PARLEY_PROVIDERS", "a,b",
            "PARLEY_PROVIDER_A_KIND", "openai",
            "PARLEY_PROVIDER_A_BASE_URL", "http://127.0.0.1:1/v1",
            "PARLEY_PROVIDER_B_KIND", "openai",
            "PARLEY_PROVIDER_B_BASE_URL", "http://127.0.0.1:2/v1",
            "PARLEY_MODELS", "gpt-4=gpt-4");
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).contains("gpt-4=<provider>:<upstream-id>"), problems::toString);
  }

  @Test
  void aMissingKeyKindOrUrlIsRefusedNamingTheVariable() {
    refused(
        "PARLEY_PROVIDER_ANTHROPIC_API_KEY",
        "PARLEY_PROVIDERS",
        "anthropic",
        "PARLEY_PROVIDER_ANTHROPIC_KIND",
        "anthropic",
        "PARLEY_MODELS",
        "c=claude");
    refused(
        "PARLEY_PROVIDER_LOCAL_KIND",
        "PARLEY_PROVIDERS",
        "local",
        "PARLEY_PROVIDER_LOCAL_BASE_URL",
        "http://127.0.0.1:1/v1",
        "PARLEY_MODELS",
        "c=llama");
    refused(
        "PARLEY_PROVIDER_LOCAL_KIND",
        "PARLEY_PROVIDERS",
        "local",
        "PARLEY_PROVIDER_LOCAL_KIND",
        "gemini",
        "PARLEY_PROVIDER_LOCAL_BASE_URL",
        "http://127.0.0.1:1/v1",
        "PARLEY_MODELS",
        "c=llama");
    refused(
        "PARLEY_PROVIDER_LOCAL_BASE_URL",
        "PARLEY_PROVIDERS",
        "local",
        "PARLEY_PROVIDER_LOCAL_KIND",
        "openai",
        "PARLEY_MODELS",
        "c=llama");
    refused(
        "PARLEY_PROVIDER_LOCAL_BASE_URL",
        "PARLEY_PROVIDERS",
        "local",
        "PARLEY_PROVIDER_LOCAL_KIND",
        "openai",
        "PARLEY_PROVIDER_LOCAL_BASE_URL",
        "localhost:11434",
        "PARLEY_MODELS",
        "c=llama");
  }

  @Test
  void anApiKeyOutsideTheEnvironmentIsRefused() {
    Map<String, String> config =
        Map.of(
            "parley.providers", "anthropic",
            "parley.provider.anthropic.kind", "anthropic",
            "parley.provider.anthropic.api-key", "from-a-file",
            "parley.models", "c=claude");
    ProviderConfig.Invalid invalid =
        assertThrows(
            ProviderConfig.Invalid.class,
            () ->
                ProviderConfig.parse(
                    key ->
                        Optional.ofNullable(config.get(key))
                            .or(() -> Optional.ofNullable(DEFAULTS.getProperty(key))),
                    name -> Optional.empty(),
                    false));
    assertTrue(
        invalid.getMessage().startsWith("PARLEY_PROVIDER_ANTHROPIC_API_KEY must be set as an"),
        invalid::getMessage);
  }

  @Test
  void badNamesNumbersFallbacksAndLeftoversAreRefused() {
    String[] base = {
      "PARLEY_PROVIDER_LOCAL_KIND", "openai",
      "PARLEY_PROVIDER_LOCAL_BASE_URL", "http://127.0.0.1:1/v1",
      "PARLEY_MODELS", "a=x,b=y"
    };
    refused("PARLEY_PROVIDERS", with(base, "PARLEY_PROVIDERS", "local,Local"));
    refused("PARLEY_PROVIDERS", with(base, "PARLEY_PROVIDERS", " , "));
    refused(
        "PARLEY_PROVIDER_LOCAL_IDLE_TIMEOUT_MS",
        with(base, "PARLEY_PROVIDERS", "local", "PARLEY_PROVIDER_LOCAL_IDLE_TIMEOUT_MS", "soon"));
    refused(
        "PARLEY_PROVIDER_LOCAL_IDLE_TIMEOUT_MS",
        with(base, "PARLEY_PROVIDERS", "local", "PARLEY_PROVIDER_LOCAL_IDLE_TIMEOUT_MS", "120000"));
    refused(
        "PARLEY_PROVIDER_LOCAL_FIRST_TOKEN_TIMEOUT_MS",
        with(
            base,
            "PARLEY_PROVIDERS",
            "local",
            "PARLEY_PROVIDER_LOCAL_FIRST_TOKEN_TIMEOUT_MS",
            "90000"));
    refused(
        "PARLEY_MODEL_FALLBACKS",
        with(base, "PARLEY_PROVIDERS", "local", "PARLEY_MODEL_FALLBACKS", "a=nope"));
    refused(
        "PARLEY_MODEL_FALLBACKS",
        with(base, "PARLEY_PROVIDERS", "local", "PARLEY_MODEL_FALLBACKS", "a=a"));
    refused(
        "PARLEY_MODEL_FALLBACKS",
        with(base, "PARLEY_PROVIDERS", "local", "PARLEY_MODEL_FALLBACKS", "b,a=b"));
    refused(
        "PARLEY_PROVIDER_LOCAL_HEADERS",
        with(base, "PARLEY_PROVIDERS", "local", "PARLEY_PROVIDER_LOCAL_HEADERS", "no pair"));
    refused(
        "PARLEY_PROVIDER_LOCAL_MAX_TOKENS",
        with(base, "PARLEY_PROVIDERS", "local", "PARLEY_PROVIDER_LOCAL_MAX_TOKENS", "100"));
    refused(
        "PARLEY_OPENAI_BASE_URL",
        with(
            base,
            "PARLEY_PROVIDERS",
            "local",
            "PARLEY_OPENAI_BASE_URL",
            "https://api.openai.com/v1"));
    refused("PARLEY_MODELS", with(base, "PARLEY_PROVIDERS", "local", "PARLEY_MODELS", "a=x,a=y"));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    List<String> problems =
        problems(
            "PARLEY_PROVIDERS", "a,b",
            "PARLEY_PROVIDER_B_KIND", "anthropic",
            "PARLEY_MODELS", "x=a:m");
    assertEquals(
        List.of(
            "PARLEY_PROVIDER_A_KIND", "PARLEY_PROVIDER_A_BASE_URL", "PARLEY_PROVIDER_B_API_KEY"),
        problems.stream().map(p -> p.substring(0, p.indexOf(' '))).toList());
  }

  static String[] with(String[] base, String... more) {
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }
}
