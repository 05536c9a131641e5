package dev.parley.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeUpstreamTest {

  private static FakeUpstream upstream;
  private static HttpClient client;

  @BeforeAll
  static void start() {
    upstream = FakeUpstream.start(0);
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
  }

  @AfterAll
  static void stop() {
    upstream.close();
  }

  @BeforeEach
  void reset() {
    upstream.reset();
  }

  @Test
  void bindsToLoopbackAndReportsBaseUrl() {
    assertTrue(upstream.port() > 0);
    assertEquals("http://127.0.0.1:" + upstream.port() + "/v1", upstream.baseUrl());
  }

  @Test
  void streamsTokensIncrementally() throws Exception {
    upstream.when("slow", Script.tokens("a", "b\n", "\"c\"", "d", "e").gapMillis(100));

    HttpResponse<InputStream> response = stream(chatBody("slow please", true, false));
    Events events = Events.read(response.body());

    assertEquals(200, response.statusCode());
    assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(null));
    assertNull(events.failure);
    assertEquals("[DONE]", events.data.get(events.data.size() - 1));
    List<JsonObject> chunks = events.chunks();
    assertEquals(6, chunks.size(), "5 tokens and the finishing chunk");
    assertEquals("a", delta(chunks.get(0)).getString("content"));
    assertEquals("assistant", delta(chunks.get(0)).getString("role"));
    assertEquals("ab\n\"c\"de", events.content());
    JsonObject finish = chunks.get(5).getJsonArray("choices").getJsonObject(0);
    assertEquals("stop", finish.getString("finish_reason"));
    assertTrue(finish.getJsonObject("delta").isEmpty());
    assertEquals("gpt-4", chunks.get(0).getString("model"));
    long spreadMillis = (events.arrivalNanos.get(4) - events.arrivalNanos.get(0)) / 1_000_000;
    assertTrue(
        spreadMillis >= 300, "first token should arrive well before the last: " + spreadMillis);

    RecordedRequest request = upstream.requests().get(0);
    assertEquals(5, request.tokensSent());
    assertTrue(request.completed());
    assertFalse(request.clientDisconnected());
  }

  @Test
  void sendsUsageChunkOnlyWhenRequested() throws Exception {
    upstream.when("quiet", Script.tokens("x", "y").withoutUsage());
    upstream.when("fixed", Script.tokens("x", "y", "z").usage(11, 22));

    Events with = Events.read(stream(chatBody("one two three", true, true)).body());
    Events without = Events.read(stream(chatBody("one two three", true, false)).body());
    Events disabled = Events.read(stream(chatBody("quiet", true, true)).body());
    Events fixed = Events.read(stream(chatBody("fixed", true, true)).body());

    JsonObject usageChunk = with.chunks().get(with.chunks().size() - 1);
    assertTrue(usageChunk.getJsonArray("choices").isEmpty());
    JsonObject usage = usageChunk.getJsonObject("usage");
    // prompt: "You are terse." + "one two three"; completion: "Echo: ", "one", " two", " three"
    assertEquals(6, usage.getInt("prompt_tokens"));
    assertEquals(4, usage.getInt("completion_tokens"));
    assertEquals(10, usage.getInt("total_tokens"));
    assertEquals("Echo: one two three", with.content());
    assertTrue(without.chunks().stream().noneMatch(c -> c.containsKey("usage")));
    assertTrue(disabled.chunks().stream().noneMatch(c -> c.containsKey("usage")));
    JsonObject fixedUsage = fixed.chunks().get(fixed.chunks().size() - 1).getJsonObject("usage");
    assertEquals(33, fixedUsage.getInt("total_tokens"));
  }

  @Test
  void answersWithoutStreamAsOneCompletion() throws Exception {
    upstream.when("done", Script.tokens("Hi", " there").finishReason("length"));

    HttpResponse<String> response = post(chatBody("done", false, false));

    assertEquals(200, response.statusCode());
    JsonObject completion = parse(response.body());
    assertEquals("chat.completion", completion.getString("object"));
    JsonObject choice = completion.getJsonArray("choices").getJsonObject(0);
    assertEquals("Hi there", choice.getJsonObject("message").getString("content"));
    assertEquals("length", choice.getString("finish_reason"));
    assertEquals(2, completion.getJsonObject("usage").getInt("completion_tokens"));
    assertTrue(upstream.requests().get(0).completed());
  }

  @Test
  void failsWithConfiguredStatus() throws Exception {
    String error = "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\"}}";
    upstream.when("limit", Script.tokens("never").failWithStatus(429, error));

    HttpResponse<String> streamed = post(chatBody("limit", true, true));
    HttpResponse<String> plain = post(chatBody("limit", false, false));

    assertEquals(429, streamed.statusCode());
    assertEquals(error, streamed.body());
    assertEquals(429, plain.statusCode());
    assertEquals(0, upstream.requests().get(0).tokensSent());
  }

  @Test
  void dropAfterBreaksTheChunkedStream() throws Exception {
    upstream.when("drop", Script.tokens("one", "two", "three").dropAfter(2));

    Events events = Events.read(stream(chatBody("drop", true, true)).body());

    assertNotNull(events.failure, "a truncated chunked body must fail the read");
    assertEquals(List.of("one", "two"), events.contents(), String.valueOf(events.failure));
    assertFalse(events.data.contains("[DONE]"));
    assertThrows(IOException.class, () -> post(chatBody("drop", true, true)));
    RecordedRequest request = upstream.requests().get(0);
    assertEquals(2, request.tokensSent());
    assertFalse(request.completed());
  }

  @Test
  void dropAfterWithoutStreamClosesBeforeResponding() {
    upstream.when("drop", Script.tokens("one").dropAfter(0));

    assertThrows(IOException.class, () -> post(chatBody("drop", false, false)));
  }

  @Test
  void noticesClientLeavingDuringHang() throws Exception {
    upstream.when("hang", Script.tokens("first", "never").hangAfter(1));

    HttpResponse<InputStream> response = stream(chatBody("hang", true, true));
    BufferedReader reader = reader(response.body());
    String firstLine = reader.readLine();
    RecordedRequest request = upstream.awaitRequestContaining("hang", Duration.ofSeconds(1));
    assertTrue(firstLine.contains("\"first\""), firstLine);
    assertEquals(1, upstream.openStreams());
    assertFalse(request.clientDisconnected());

    reader.close();

    assertTrue(request.awaitClientDisconnect(Duration.ofSeconds(1)));
    assertNotNull(request.disconnectedAt());
    assertEquals(1, request.tokensSent());
    assertFalse(request.completed());
  }

  @Test
  void latestMatchingRuleWinsAndResetClearsRules() throws Exception {
    upstream.when("alpha", Script.tokens("A"));
    upstream.when("gamma", Script.tokens("G"));
    upstream.when("beta", Script.tokens("B"));

    assertEquals("B", content(post(chatBody("alpha beta", false, false))));
    assertEquals("A", content(post(chatBody("alpha", false, false))));
    upstream.reset();
    assertEquals("Echo: alpha", content(post(chatBody("alpha", false, false))));
    assertEquals(1, upstream.requests().size());
  }

  @Test
  void recordsRequests() throws Exception {
    post(chatBody("first question", false, false));
    post(chatBody("second question", true, false));

    List<RecordedRequest> requests = upstream.requests();
    assertEquals(2, requests.size());
    RecordedRequest first = requests.get(0);
    assertEquals("/v1/chat/completions", first.path());
    assertEquals("Bearer sk-test", first.header("authorization"));
    assertEquals("gpt-4", first.json().getString("model"));
    assertTrue(first.body().contains("first question"));
    assertFalse(first.receivedAt().isAfter(requests.get(1).receivedAt()));
    assertEquals(2, upstream.requestsContaining("question").size());
    assertEquals(List.of(first), upstream.requestsContaining("first"));
    assertEquals(requests.get(1), upstream.lastRequestContaining("question").orElseThrow());
    assertTrue(upstream.lastRequestContaining("nothing like this").isEmpty());
    assertThrows(
        AssertionError.class,
        () -> upstream.awaitRequestContaining("nothing like this", Duration.ofMillis(50)));
  }

  @Test
  void awaitsRequestStillToArrive() throws Exception {
    CompletableFuture<HttpResponse<String>> later =
        CompletableFuture.runAsync(() -> sleep(100))
            .thenCompose(
                ignored ->
                    client.sendAsync(
                        request(chatBody("late arrival", false, false)),
                        HttpResponse.BodyHandlers.ofString()));

    RecordedRequest request = upstream.awaitRequestContaining("late", Duration.ofSeconds(2));

    assertTrue(request.body().contains("late arrival"));
    assertEquals(200, later.get().statusCode());
  }

  @Test
  void countsConcurrentStreams() throws Exception {
    upstream.when("parallel", Script.tokens("a", "b", "c").gapMillis(150));

    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      responses.add(
          client.sendAsync(
              request(chatBody("parallel", true, false)), HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> response : responses) {
      assertTrue(response.get().body().endsWith("data: [DONE]\n\n"));
    }

    assertEquals(8, upstream.maxConcurrentStreams());
    assertTrue(upstream.awaitOpenStreams(0, Duration.ofSeconds(2)), "streams still open");
  }

  @Test
  void listsModels() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/models")).build(),
            HttpResponse.BodyHandlers.ofString());

    JsonObject list = parse(response.body());
    assertEquals("list", list.getString("object"));
    assertEquals("gpt-4", list.getJsonArray("data").getJsonObject(0).getString("id"));
  }

  private static String chatBody(String userMessage, boolean stream, boolean includeUsage) {
    return ChatResponder.JSON
        .createObjectBuilder()
        .add("model", "gpt-4")
        .add("stream", stream)
        .add(
            "stream_options",
            ChatResponder.JSON.createObjectBuilder().add("include_usage", includeUsage))
        .add(
            "messages",
            ChatResponder.JSON
                .createArrayBuilder()
                .add(message("system", "You are terse."))
                .add(message("user", userMessage)))
        .build()
        .toString();
  }

  private static JsonObject message(String role, String content) {
    return ChatResponder.JSON
        .createObjectBuilder()
        .add("role", role)
        .add("content", content)
        .build();
  }

  private static HttpRequest request(String body) {
    return HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/chat/completions"))
        .header("Authorization", "Bearer sk-test")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static HttpResponse<InputStream> stream(String body) throws Exception {
    return client.send(request(body), HttpResponse.BodyHandlers.ofInputStream());
  }

  private static HttpResponse<String> post(String body) throws Exception {
    return client.send(request(body), HttpResponse.BodyHandlers.ofString());
  }

  private static String content(HttpResponse<String> response) {
    return parse(response.body())
        .getJsonArray("choices")
        .getJsonObject(0)
        .getJsonObject("message")
        .getString("content");
  }

  private static JsonObject delta(JsonObject chunk) {
    return chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
  }

  private static JsonObject parse(String json) {
    try (JsonReader reader = ChatResponder.PROVIDER.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  private static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The {@code data:} payloads of an SSE stream, when each arrived, and how the read ended. */
  private static final class Events {
    private final List<String> data = new ArrayList<>();
    private final List<Long> arrivalNanos = new ArrayList<>();
    private IOException failure;

    static Events read(InputStream in) {
      Events events = new Events();
      try (BufferedReader reader = reader(in)) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (line.startsWith("data: ")) {
            events.data.add(line.substring("data: ".length()));
            events.arrivalNanos.add(System.nanoTime());
          }
        }
      } catch (IOException e) {
        events.failure = e;
      }
      return events;
    }

    List<JsonObject> chunks() {
      return data.stream()
          .filter(d -> !d.equals("[DONE]"))
          .map(FakeUpstreamTest::parse)
          .collect(Collectors.toList());
    }

    List<String> contents() {
      return chunks().stream()
          .filter(c -> !c.getJsonArray("choices").isEmpty())
          .map(FakeUpstreamTest::delta)
          .filter(d -> d.containsKey("content"))
          .map(d -> d.getString("content"))
          .collect(Collectors.toList());
    }

    String content() {
      return String.join("", contents());
    }
  }
}
