package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Script;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Operations: MicroProfile Health at the server root, Prometheus metrics at {@code /prometheus}
 * (the suite sets {@code PARLEY_METRICS_TOKEN}: Basic authentication), and the {@code X-Request-Id}
 * on every response.
 */
abstract class OperationsTests extends DeployedApi {

  static final String METRICS_TOKEN = System.getProperty("parley.it.metrics-token");
  static final Pattern SAMPLE =
      Pattern.compile("^([a-z_]+(?:\\{[^}]*})?) (\\S+)$", Pattern.MULTILINE);

  /** Health lives at the server's root, outside the application. */
  static Api.Reply serverGet(String path) {
    URI app = Api.uri("/");
    return Api.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getPort() + path))
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build());
  }

  static Map<String, String> checks(JsonObject health) {
    return health.getJsonArray("checks").stream()
        .map(JsonObject.class::cast)
        .collect(Collectors.toMap(c -> c.getString("name"), c -> c.getString("status")));
  }

  @Test
  void readyListsDatabaseMigrationsAndEachProviderUp() {
    Api.Reply ready = serverGet("/health/ready");
    assertEquals(200, ready.status(), ready::toString);
    JsonObject health = ready.json();
    assertEquals("UP", health.getString("status"));
    assertEquals(
        Map.of("database", "UP", "migrations", "UP", "provider", "UP"),
        checks(health),
        ready::toString);
    assertTrue(ready.body().contains("\"schema_version\""), ready::toString);
    JsonObject provider =
        health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
            .filter(c -> "provider".equals(c.getString("name")))
            .findFirst()
            .orElseThrow()
            .getJsonObject("data");
    assertEquals(
        "anthropic; models: claude-sonnet, flaky-claude",
        provider.getString("anthropic"),
        ready::toString);
    assertEquals("openai; models: unreachable", provider.getString("down"));
    assertTrue(provider.getString("openai").startsWith("openai; models: gpt-4, gpt-4o"));
  }

  @Test
  void liveIsUpAndTheOverallHealthHasEveryCheck() {
    Api.Reply live = serverGet("/health/live");
    assertEquals(200, live.status(), live::toString);
    assertEquals("UP", checks(live.json()).get("parley"));
    Api.Reply all = serverGet("/health");
    assertEquals(200, all.status(), all::toString);
    assertTrue(checks(all.json()).keySet().containsAll(java.util.Set.of("parley", "database")));
  }

  @Test
  void aGivenRequestIdIsEchoedOnSuccessAndOnErrors() {
    String token = Users.token();
    for (String path : new String[] {"/v1/models", "/v1/chat/sessions/987654321", "/nowhere"}) {
      String id = "test-" + UUID.randomUUID();
      Api.Reply reply = Api.send(Api.request(path, token).header("X-Request-Id", id).GET().build());
      assertEquals(id, reply.header("X-Request-Id").orElse(null), path + ": " + reply);
    }
    String id = "test-" + UUID.randomUUID();
    Api.Reply anonymous =
        Api.send(Api.request("/v1/models", null).header("X-Request-Id", id).GET().build());
    assertEquals(401, anonymous.status());
    assertEquals(id, anonymous.header("X-Request-Id").orElse(null), "401 from Parley");
    Api.Reply forged =
        Api.send(Api.request("/v1/models", "not.a.jwt").header("X-Request-Id", id).GET().build());
    assertEquals(401, forged.status());
    assertEquals(id, forged.header("X-Request-Id").orElse(null), "401 from the MP-JWT mechanism");
  }

  @Test
  void aMissingOrUnsafeRequestIdIsReplacedByAGeneratedOne() {
    Api.Reply none = Api.get("/v1/models", Users.token());
    String generated = none.header("X-Request-Id").orElseThrow();
    assertEquals(4, UUID.fromString(generated).version());
    Api.Reply unsafe =
        Api.send(
            Api.request("/v1/models", Users.token())
                .header("X-Request-Id", "two words\"}")
                .GET()
                .build());
    String replaced = unsafe.header("X-Request-Id").orElseThrow();
    assertEquals(4, UUID.fromString(replaced).version());
    assertNotEquals(generated, replaced);
  }

  static Api.Reply scrapeWith(String password) {
    HttpRequest.Builder request = Api.request("/prometheus", null).GET();
    if (password != null) {
      String pair = "prometheus:" + password;
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return Api.send(request.build());
  }

  @Test
  void metricsNeedTheConfiguredToken() {
    Api.Reply anonymous = scrapeWith(null);
    assertEquals(401, anonymous.status(), anonymous::toString);
    assertEquals("missing or wrong metrics token", anonymous.detail());
    assertEquals(401, scrapeWith("wrong").status());
    Api.Reply scraped = scrapeWith(METRICS_TOKEN);
    assertEquals(200, scraped.status());
    assertTrue(scraped.header("Content-Type").orElse("").startsWith("text/plain"));
    assertTrue(scraped.body().contains("jvm_memory_used_bytes"));
  }

  @Test
  void metricsMoveWithStreamsRefusalsAndProviderErrors() {
    Map<String, Double> before = scrape();
    String token = Users.token();
    String needle = Chats.needle();
    TestEnvironment.upstream().when(needle, Script.tokens("one", " two", " three").usage(5, 3));
    Chats.streamTurn(token, "gpt-4", needle, null);
    String failing = Chats.needle();
    TestEnvironment.upstream().when(failing, Script.tokens().failWithStatus(500, "{}"));
    assertEquals(
        502, Api.post("/v1/chat/stream", token, Chats.body("gpt-4", failing, null)).status());
    String free = Users.freeToken(Users.newSubject());
    int status = 200;
    for (int i = 0; i < 30 && status != 429; i++) {
      status = Api.get("/v1/me", free).status();
    }
    assertEquals(429, status, "the free tier's request rate refuses within 30 requests");

    Map<String, Double> after = scrape();
    String streamed =
        "parley_http_requests_seconds_count{endpoint=\"/v1/chat/stream\",method=\"POST\",status=\"200\"}";
    assertTrue(grew(before, after, streamed) >= 1, streamed);
    assertTrue(
        grew(before, after, "parley_stream_first_token_seconds_count") >= 1, "first token timed");
    assertTrue(grew(before, after, "parley_tokens_streamed_total") >= 3, "tokens streamed");
    assertTrue(
        grew(before, after, "parley_provider_errors_total{status=\"502\"}") >= 1, "provider 502");
    assertTrue(grew(before, after, "parley_refusals_total{kind=\"rate\"}") >= 1, "rate refusal");
    assertTrue(
        grew(
                before,
                after,
                "parley_http_requests_seconds_count{endpoint=\"/v1/me\",method=\"GET\",status=\"429\"}")
            >= 1,
        "the 429 is counted under its endpoint template");
    assertTrue(after.containsKey("parley_streams_open"), "open streams gauge");
    assertTrue(after.keySet().stream().noneMatch(k -> k.contains("987654321")), "no ids in labels");
  }

  static double grew(Map<String, Double> before, Map<String, Double> after, String series) {
    assertTrue(after.containsKey(series), () -> "no series " + series + " in " + after.keySet());
    return after.get(series) - before.getOrDefault(series, 0.0);
  }

  static Map<String, Double> scrape() {
    Api.Reply scraped = scrapeWith(METRICS_TOKEN);
    assertEquals(200, scraped.status(), scraped::toString);
    Map<String, Double> samples = new java.util.HashMap<>();
    Matcher matcher = SAMPLE.matcher(scraped.body());
    while (matcher.find()) {
      samples.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
    }
    return samples;
  }

  /**
   * The server process's CPU time over {@code quiet} (from {@code process_cpu_time_ns_total}): a
   * thread spinning at 100 % shows as about {@code quiet} seconds.
   */
  static double processCpuSecondsOver(Duration quiet) {
    String series = "process_cpu_time_ns_total";
    Map<String, Double> before = scrape();
    Chats.sleep(quiet.toMillis());
    return grew(before, scrape(), series) / 1e9;
  }
}
