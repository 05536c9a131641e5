package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.testing.Fuzz;
import dev.parley.testing.Pdfs;
import dev.parley.testing.Script;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The HTTP fuzz pass: every endpoint that takes a body or parameters gets truncations, seeded byte
 * mutations, wrong JSON types and nulls at each field, duplicated keys, extreme numbers, deep
 * nesting, invalid UTF-8 and empty bodies. Every answer is a success or a 4xx with {@code
 * {"detail"}} within a second, never a 5xx; afterwards no request thread is still busy and a normal
 * chat still streams. Seeds are fixed, so a failure reproduces.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FuzzTests extends DeployedApi {

  /** Far above a normal answer here (a few ms); an answer slower than this is retried once. */
  static final Duration PROMPT = Duration.ofSeconds(1);

  /** PARLEY_FILES_EXTRACTION_TIMEOUT_MS of the test servers (the default). */
  static final Duration EXTRACTION_LIMIT = Duration.ofSeconds(20);

  static final Set<Integer> REFUSALS = Set.of(400, 404, 409, 413, 415, 422);
  static final Set<Integer> SUCCESSES = Set.of(200, 201);

  /** Requests per caller before a fresh one: stays under the enterprise tier's request rate. */
  static final int REQUESTS_PER_CALLER = 250;

  /** A caller with a session and a prompt of their own, so that valid bodies name real ids. */
  record Caller(String token, long sessionId, long promptId) {

    static Caller fresh() {
      String token = Users.tokens().token().subject(Users.newSubject()).tier("enterprise").build();
      long session = Chats.streamTurn(token, "gpt-4", "fuzz fixture", null);
      Api.Reply prompt =
          Api.post(
              "/api/chat/prompts",
              token,
              "{\"title\":\"fixture\",\"content\":\"Say {word}\",\"scenario\":\"fuzz\"}");
      assertEquals(201, prompt.status(), prompt::toString);
      return new Caller(token, session, prompt.json().getJsonNumber("id").longValue());
    }
  }

  /** An endpoint that takes a JSON body, with a valid body for a caller. */
  record BodyEndpoint(
      String method, String name, Function<Caller, String> path, Function<Caller, String> body) {}

  static final List<BodyEndpoint> BODIES =
      List.of(
          new BodyEndpoint(
              "POST",
              "chat",
              c -> "/v1/chat/stream",
              c ->
                  "{\"model\":\"gpt-4\",\"messages\":[{\"role\":\"user\",\"content\":\"fuzz me\"}],"
                      + "\"temperature\":0.5,\"max_tokens\":20,\"stream\":false,\"session_id\":"
                      + c.sessionId()
                      + "}"),
          new BodyEndpoint(
              "POST",
              "chat completions",
              c -> "/v1/chat/completions",
              c ->
                  "{\"model\":\"gpt-4\",\"messages\":[{\"role\":\"system\",\"content\":\"s\"},"
                      + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"fuzz me\"}]}],"
                      + "\"temperature\":0.5,\"max_tokens\":20,\"stream\":false,"
                      + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}"),
          new BodyEndpoint(
              "POST",
              "switch-model",
              c -> "/v1/chat/switch-model",
              c -> "{\"session_id\":" + c.sessionId() + ",\"model\":\"gpt-4o\"}"),
          new BodyEndpoint(
              "POST",
              "create prompt",
              c -> "/api/chat/prompts",
              c ->
                  "{\"title\":\"t\",\"content\":\"Hello {name}\",\"scenario\":\"s\",\"description\":\"d\","
                      + "\"metadata\":{\"a\":[1,{\"b\":null}]},\"is_template\":false}"),
          new BodyEndpoint(
              "PUT",
              "update prompt",
              c -> "/api/chat/prompts/" + c.promptId(),
              c ->
                  "{\"title\":\"t2\",\"content\":\"c {x}\",\"metadata\":{\"k\":\"v\"},\"scenario\":null}"),
          new BodyEndpoint(
              "POST",
              "preview",
              c -> "/api/chat/prompts/preview",
              c ->
                  "{\"content\":\"Say {word}\",\"variables\":{\"word\":\"hi\",\"n\":1,\"b\":true},"
                      + "\"model\":\"gpt-4\"}"));

  private Caller caller;
  private int sent;

  private Caller caller() {
    if (caller == null || sent >= REQUESTS_PER_CALLER) {
      caller = Caller.fresh();
      sent = 0;
    }
    sent++;
    return caller;
  }

  @Test
  @Order(1)
  void everyTruncationOfEveryBodyIsRefusedAtOnce() {
    for (BodyEndpoint endpoint : BODIES) {
      Caller c = caller();
      for (String prefix : Fuzz.prefixes(endpoint.body().apply(c))) {
        Api.Reply reply = timed(endpoint, c, prefix.getBytes(StandardCharsets.UTF_8), true);
        assertTrue(
            REFUSALS.contains(reply.status()), () -> endpoint.name() + " " + prefix + ": " + reply);
      }
    }
  }

  @Test
  @Order(2)
  void seededMutationsOfEveryBodyAreAnsweredOrRefusedAtOnce() {
    long seed = 13;
    for (BodyEndpoint endpoint : BODIES) {
      for (byte[] mutant : Fuzz.mutations(endpoint.body().apply(caller()), seed++, 60)) {
        timed(endpoint, caller(), mutant, true);
      }
    }
  }

  @Test
  @Order(3)
  void wrongTypesAndNullsAtEveryFieldAreAnsweredOrRefused() {
    List<String> replacements =
        List.of(
            "null",
            "1",
            "-0",
            "1.5",
            "1e999",
            "-1e400",
            "\"x\"",
            "\"\"",
            "true",
            "[]",
            "{}",
            "[[[[[[]]]]]]",
            "{\"a\":{\"b\":[null]}}",
            "99999999999999999999");
    for (BodyEndpoint endpoint : BODIES) {
      Caller c = caller();
      JsonObject valid = Api.parse(endpoint.body().apply(c)).asJsonObject();
      for (String field : valid.keySet()) {
        for (String replacement : replacements) {
          Map<String, String> fields = new LinkedHashMap<>();
          valid.forEach((k, v) -> fields.put(k, v.toString()));
          fields.put(field, replacement);
          timed(endpoint, caller(), object(fields).getBytes(StandardCharsets.UTF_8), true);
        }
        Map<String, String> without = new LinkedHashMap<>();
        valid.forEach((k, v) -> without.put(k, v.toString()));
        without.remove(field);
        timed(endpoint, caller(), object(without).getBytes(StandardCharsets.UTF_8), true);
      }
    }
  }

  @Test
  @Order(4)
  void malformedShapesAreRefusedWithA400() {
    for (BodyEndpoint endpoint : BODIES) {
      Caller c = caller();
      String valid = endpoint.body().apply(c);
      List<byte[]> malformed = new ArrayList<>();
      malformed.add(
          ("{\"" + firstKey(valid) + "\":1," + valid.substring(1))
              .getBytes(StandardCharsets.UTF_8));
      malformed.add(
          valid.replaceFirst("\\{", "{\"x\":1,\"x\":2,").getBytes(StandardCharsets.UTF_8));
      malformed.add(
          ("{\"deep\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")
              .getBytes(StandardCharsets.UTF_8));
      malformed.add(("{\"open\":" + "[".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
      malformed.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}'});
      malformed.add((valid + " trailing").getBytes(StandardCharsets.UTF_8));
      malformed.add("{".getBytes(StandardCharsets.UTF_8));
      malformed.add(
          "{\"session_id\":1,\"model\":\"gpt-4\",\"foo\":[".getBytes(StandardCharsets.UTF_8));
      malformed.add("   ".getBytes(StandardCharsets.UTF_8));
      for (byte[] body : malformed) {
        Api.Reply reply = timed(endpoint, caller(), body, true);
        assertEquals(400, reply.status(), () -> endpoint.name() + ": " + reply);
      }
      Api.Reply empty = timed(endpoint, caller(), new byte[0], true);
      assertTrue(Set.of(400, 422).contains(empty.status()), empty::toString);
      Api.Reply untyped = timed(endpoint, caller(), new byte[0], false);
      assertTrue(Set.of(400, 415, 422).contains(untyped.status()), untyped::toString);
      Api.Reply untypedTruncated =
          timed(endpoint, caller(), "{\"a\":[".getBytes(StandardCharsets.UTF_8), false);
      assertTrue(Set.of(400, 415).contains(untypedTruncated.status()), untypedTruncated::toString);
    }
  }

  @Test
  @Order(5)
  void queryAndPathParametersAreAnsweredOrRefusedAtOnce() {
    List<String> values =
        List.of(
            "",
            " ",
            "0",
            "-1",
            "1",
            "1e999",
            "99999999999999999999",
            "NaN",
            "1.5",
            "true",
            "null",
            "[]",
            "2024-13-45",
            "2024-01-01T25:00:00Z",
            "2024-02-30",
            "+999999999-12-31",
            "\u0000",
            "\u202e",
            "-999999999-01-01",
            "0000-01-01",
            "'; DROP TABLE chat_sessions; --",
            "../../etc/passwd",
            "%",
            "a".repeat(4000),
            "ü",
            "\uD83D\uDE00");
    Map<String, List<String>> queries =
        Map.of(
            "/v1/chat/history", List.of("page", "page_size", "start_date", "end_date", "model"),
            "/v1/usage", List.of("start_date", "end_date", "user", "app"),
            "/api/chat/prompts",
                List.of("scenario", "include_templates", "search", "page", "page_size"));
    Caller c = caller();
    for (Map.Entry<String, List<String>> query : queries.entrySet()) {
      for (String parameter : query.getValue()) {
        for (String value : values) {
          String path =
              query.getKey()
                  + "?"
                  + parameter
                  + "="
                  + URLEncoder.encode(value, StandardCharsets.UTF_8);
          Api.Reply reply = timedGet(path, caller().token());
          assertTrue(
              Set.of(200, 400, 403, 404).contains(reply.status()), () -> path + ": " + reply);
        }
      }
    }
    // resuming a finished reply: every id value, as the query parameter and as the header
    for (String value : values) {
      String path =
          "/v1/chat/sessions/"
              + c.sessionId()
              + "/stream?last_event_id="
              + URLEncoder.encode(value, StandardCharsets.UTF_8);
      Api.Reply reply = timedGet(path, c.token());
      assertTrue(Set.of(200, 400).contains(reply.status()), () -> path + ": " + reply);
      if (value.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f)) {
        Api.Reply header =
            checked(
                Api.request("/v1/chat/sessions/" + c.sessionId() + "/stream", c.token())
                    .header("Last-Event-ID", value)
                    .GET()
                    .build(),
                () -> "Last-Event-ID: " + value);
        assertTrue(Set.of(200, 400).contains(header.status()), header::toString);
      }
    }
    List<String> ids = List.of("0", "-1", "abc", "1e3", "99999999999999999999", "%20", "1.0");
    for (String id : ids) {
      for (String path :
          List.of(
              "/api/chat/prompts/" + id,
              "/api/chat/sessions/" + id + "/files",
              "/api/chat/sessions/" + c.sessionId() + "/files/" + id)) {
        Api.Reply reply = timedGet(path, c.token());
        assertTrue(Set.of(400, 404, 405).contains(reply.status()), () -> path + ": " + reply);
      }
      Api.Reply resume = timedGet("/v1/chat/sessions/" + id + "/stream", c.token());
      assertTrue(Set.of(400, 404).contains(resume.status()), resume::toString);
      Api.Reply stop =
          Api.send(
              Api.request("/v1/chat/sessions/" + id + "/stop", c.token())
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build());
      assertTrue(Set.of(400, 404).contains(stop.status()), stop::toString);
      assertDetail(stop);
      Api.Reply delete =
          Api.send(Api.request("/v1/chat/sessions/" + id, c.token()).DELETE().build());
      assertTrue(Set.of(400, 404).contains(delete.status()), delete::toString);
      assertDetail(delete);
    }
  }

  /**
   * PostgreSQL cannot store NUL in text: a body or parameter carrying one is the client's 400, not
   * a failed insert (found on PostgreSQL with {@code /v1/usage?app=%00}).
   */
  @Test
  @Order(6)
  void nulCharactersInTextAreRefusedWith400() {
    Caller c = caller();
    Api.Reply chat =
        Api.post("/v1/chat/stream", c.token(), Chats.body("gpt-4", "before\u0000after", null));
    assertEquals(400, chat.status(), chat::toString);
    assertTrue(chat.detail().contains("NUL"), chat::toString);
    for (String query : List.of("/v1/usage?app=%00", "/api/chat/prompts?search=a%00b")) {
      Api.Reply reply = Api.get(query, c.token());
      assertEquals(400, reply.status(), () -> query + ": " + reply);
      assertTrue(reply.detail().contains("NUL"), reply::toString);
    }
  }

  /**
   * Refused by Payara's HTTP layer before any application code runs: a 400 with an empty body, not
   * {@code {"detail"}} (docs/hostile-input.md). Bounded and quick; these check just that.
   */
  @Test
  @Order(6)
  void aNulInThePathIsRefusedByTheServer() {
    Api.Reply reply = Api.get("/api/chat/prompts/%00", caller().token());
    assertEquals(400, reply.status(), reply::toString);
  }

  @Test
  @Order(6)
  void oversizedHeadersAreRefusedByTheServer() {
    Api.Reply reply =
        Api.send(
            Api.request("/v1/models", caller().token())
                .header("X-Padding", "p".repeat(64 * 1024))
                .GET()
                .build());
    assertTrue(Set.of(400, 413, 431).contains(reply.status()), reply::toString);
  }

  @Test
  @Order(7)
  void brokenAndHostilePdfsAreStoredOrRefusedNeverA5xx() {
    Caller c = caller();
    List<byte[]> pdfs = new ArrayList<>();
    pdfs.add(Pdfs.nestedArrays(200_000));
    pdfs.add(Pdfs.cyclicPageTree(1_000_000));
    pdfs.add(Pdfs.hugePageTree(1_600_000));
    byte[] valid = Pdfs.pages("fuzz", List.of("alpha beta", "gamma delta"));
    for (int cut = 1; cut < valid.length; cut += valid.length / 12) {
      pdfs.add(Arrays.copyOf(valid, cut));
    }
    Random random = new Random(7);
    for (int round = 0; round < 12; round++) {
      byte[] mutated = valid.clone();
      for (int i = 0; i < 1 + random.nextInt(20); i++) {
        mutated[9 + random.nextInt(mutated.length - 9)] ^= (byte) (1 << random.nextInt(8));
      }
      pdfs.add(mutated);
    }
    for (byte[] pdf : pdfs) {
      long start = System.nanoTime();
      Api.Reply reply = FilesTests.upload(c.token(), c.sessionId(), "fuzz.pdf", pdf);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(Set.of(200, 413, 415, 422).contains(reply.status()), reply::toString);
      if (reply.status() != 200) {
        assertDetail(reply);
      }
      assertTrue(ms < EXTRACTION_LIMIT.toMillis() + 5_000, "upload answered after " + ms + " ms");
    }
  }

  @Test
  @Order(8)
  void aProviderSendingGarbageEndsTheReplyWithAnErrorEventAndKeepsThePartialText() {
    Random random = new Random(11);
    byte[] binary = new byte[4096];
    random.nextBytes(binary);
    List<Script> broken =
        List.of(
            Script.tokens("par", "tial")
                .thenGarbage(bytes("data: {\"choices\":[{\"delta\":{\"x\":[\n\n")),
            Script.tokens("par", "tial")
                .thenGarbage(bytes("data: " + "x".repeat(10 << 20) + "\n\n")),
            Script.tokens("par", "tial").thenGarbage(binary),
            Script.tokens("par", "tial").thenEndlessLine());
    for (Script script : broken) {
      String token = Users.token();
      String needle = Chats.needle();
      TestEnvironment.upstream().when(needle, script);
      long sessionId;
      try (SseClient sse =
          SseClient.post("/v1/chat/stream", token, Chats.body("gpt-4", needle, null))) {
        assertEquals(200, sse.status());
        sessionId = Long.parseLong(sse.header("X-Session-Id"));
        List<SseClient.Event> events = sse.rest(Duration.ofSeconds(20));
        assertEquals("par", events.get(0).data(), events::toString);
        assertEquals("tial", events.get(1).data(), events::toString);
        assertEquals("error", events.get(events.size() - 2).name(), events::toString);
        assertEquals("[DONE]", events.get(events.size() - 1).data(), events::toString);
      }
      JsonObject reply =
          Chats.awaitLastMessage(
              token, sessionId, m -> !"in_progress".equals(m.getString("status")));
      assertEquals("failed", reply.getString("status"), reply::toString);
      assertTrue(reply.getString("content").startsWith("partial"), reply::toString);
    }
  }

  @Test
  @Order(100)
  void afterThePassNoRequestThreadIsBusyAndAChatStillStreams() {
    // A thread left spinning burns a whole core in every window; the JIT compiling what the pass
    // ran (and the GC after it) dies down within seconds. One quiet window proves no spinner.
    double cpuSeconds = Double.MAX_VALUE;
    for (int window = 0; window < 5 && cpuSeconds >= 1.5; window++) {
      cpuSeconds = OperationsTests.processCpuSecondsOver(Duration.ofSeconds(3));
    }
    assertTrue(
        cpuSeconds < 1.5,
        "the server kept burning CPU after the pass: "
            + cpuSeconds
            + " s in the last 3 s of quiet");
    String token = Users.token();
    try (SseClient sse =
        SseClient.post("/v1/chat/stream", token, Chats.body("gpt-4", "still alive", null))) {
      assertEquals(200, sse.status());
      List<SseClient.Event> events = sse.rest(Duration.ofSeconds(20));
      assertEquals("[DONE]", events.get(events.size() - 1).data(), events::toString);
      assertTrue(events.size() > 2, events::toString);
    }
  }

  /**
   * Sends the body and checks the answer: a success, or a refusal with {@code {"detail"}}, within
   * {@link #PROMPT}. A slow answer is retried once: a real hang is slow both times, a GC pause on a
   * busy machine is not.
   */
  private Api.Reply timed(BodyEndpoint endpoint, Caller c, byte[] body, boolean typed) {
    HttpRequest.Builder request =
        Api.request(endpoint.path().apply(c), c.token())
            .timeout(Duration.ofSeconds(20))
            .method(endpoint.method(), HttpRequest.BodyPublishers.ofByteArray(body));
    if (typed) {
      request.header("Content-Type", "application/json");
    }
    HttpRequest built = request.build();
    return checked(built, () -> endpoint.name() + " " + new String(body, StandardCharsets.UTF_8));
  }

  private Api.Reply timedGet(String path, String token) {
    return checked(
        Api.request(path, token).timeout(Duration.ofSeconds(20)).GET().build(), () -> path);
  }

  private static Api.Reply checked(HttpRequest request, java.util.function.Supplier<String> what) {
    for (int attempt = 1; ; attempt++) {
      long start = System.nanoTime();
      Api.Reply reply = Api.send(request);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      if (reply.status() >= 500) {
        fail(what.get() + " answered " + reply);
      }
      if (!SUCCESSES.contains(reply.status())) {
        assertDetail(reply);
      }
      if (took.compareTo(PROMPT) <= 0 || SUCCESSES.contains(reply.status())) {
        return reply;
      }
      if (attempt == 2) {
        fail(what.get() + " took " + took.toMillis() + " ms twice: " + reply);
      }
    }
  }

  static void assertDetail(Api.Reply reply) {
    JsonValue detail;
    try {
      detail = Api.parse(reply.body()).asJsonObject().get("detail");
    } catch (RuntimeException notJson) {
      throw new AssertionError(
          "not a JSON object: " + reply.response().uri() + " " + reply, notJson);
    }
    assertTrue(
        detail != null && detail.getValueType() == JsonValue.ValueType.STRING,
        () -> "no {\"detail\"} in " + reply);
  }

  private static String firstKey(String json) {
    return Api.parse(json).asJsonObject().keySet().iterator().next();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String object(Map<String, String> fields) {
    StringBuilder json = new StringBuilder("{");
    fields.forEach(
        (k, v) ->
            json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":")
                .append(v));
    return json.append('}').toString();
  }
}
