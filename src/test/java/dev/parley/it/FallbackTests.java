package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.json.JsonText;
import dev.parley.testing.FakeUpstream;
import dev.parley.testing.Script;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fallback before the first token, on each failure kind, and never after it. The servers under test
 * have {@code flaky-gpt} (fake OpenAI-compatible upstream) falling back to {@code claude-sonnet}
 * (fake Anthropic), {@code flaky-claude} falling back to {@code gpt-4o}, and {@code unreachable} (a
 * provider nobody listens on) falling back to {@code flaky-claude}, then {@code gpt-4o};
 * first-token timeouts are 1.5 s, idle timeouts 3 s. The client's stream is the same as without a
 * fallback; the stored reply names the model that answered and why the others were skipped.
 */
abstract class FallbackTests extends DeployedApi {

  static final Duration WAIT = Duration.ofSeconds(20);

  static FakeUpstream openai() {
    return TestEnvironment.upstream();
  }

  static FakeUpstream anthropic() {
    return TestEnvironment.anthropic();
  }

  /** Streams one turn with {@code model} and returns its events and the stored reply. */
  static Turn turn(String token, String model, String needle) {
    try (SseClient sse =
        SseClient.post("/v1/chat/stream", token, Chats.body(model, "Hi " + needle, null))) {
      assertEquals(200, sse.status(), sse::bodyText);
      long session = Long.parseLong(sse.header("X-Session-Id"));
      List<SseClient.Event> events = sse.rest(WAIT);
      JsonObject reply =
          Chats.awaitLastMessage(token, session, m -> !"in_progress".equals(m.getString("status")));
      return new Turn(events, reply);
    }
  }

  record Turn(List<SseClient.Event> events, JsonObject reply) {
    List<String> data() {
      return events.stream().filter(e -> !e.isComment()).map(SseClient.Event::data).toList();
    }

    String skippedReason(int i) {
      return reply
          .getJsonObject("metadata")
          .getJsonArray("skipped")
          .getJsonObject(i)
          .getString("reason");
    }
  }

  @Test
  void aServerErrorFallsBackToTheNextProviderAndTheReplySaysWhoAnswered() {
    String token = Users.token();
    String needle = Chats.needle();
    openai()
        .when(needle, Script.tokens().failWithStatus(503, "{\"error\":{\"message\":\"down\"}}"));
    anthropic().when(needle, Script.tokens("Claude", " here").usage(11, 2));
    Turn turn = turn(token, "flaky-gpt", needle);
    assertEquals(List.of("Claude", " here", "[DONE]"), turn.data(), "the stream is unchanged");
    assertEquals("completed", turn.reply().getString("status"));
    assertEquals("claude-sonnet", turn.reply().getString("model"));
    JsonObject metadata = turn.reply().getJsonObject("metadata");
    assertEquals("claude-sonnet", metadata.getString("answered_by"));
    JsonObject skipped = metadata.getJsonArray("skipped").getJsonObject(0);
    assertEquals("flaky-gpt", skipped.getString("model"));
    assertEquals("openai", skipped.getString("provider"));
    assertEquals("the model provider failed (HTTP 503)", skipped.getString("reason"));
    JsonObject usage = Api.get("/v1/usage", token).json();
    JsonArray days = usage.getJsonArray("days");
    assertEquals(1, days.size(), days::toString);
    assertEquals("claude-sonnet", days.getJsonObject(0).getString("model"), "usage of the answer");
    assertEquals(11, days.getJsonObject(0).getInt("prompt_tokens"));
    String metrics = OperationsTests.scrapeWith(OperationsTests.METRICS_TOKEN).body();
    assertTrue(
        metrics.contains("parley_fallbacks_total{model=\"flaky-gpt\",provider=\"openai\"}"),
        metrics);
    assertTrue(
        metrics.contains("parley_model_tokens_total{model=\"claude-sonnet\",type=\"completion\"}"),
        metrics);
  }

  @Test
  void rateLimitingFallsBack() {
    String needle = Chats.needle();
    openai().when(needle, Script.tokens().failWithStatus(429, "{}"));
    anthropic().when(needle, Script.tokens("ok"));
    Turn turn = turn(Users.token(), "flaky-gpt", needle);
    assertEquals("claude-sonnet", turn.reply().getString("model"));
    assertTrue(turn.skippedReason(0).contains("HTTP 429"), turn.reply()::toString);
  }

  @Test
  void aProviderThatRefusesToConnectFallsBack() {
    String needle = Chats.needle();
    anthropic().when(needle, Script.tokens("Reached"));
    Turn turn = turn(Users.token(), "unreachable", needle);
    assertEquals(List.of("Reached", "[DONE]"), turn.data());
    assertEquals("flaky-claude", turn.reply().getString("model"));
    assertEquals("cannot connect to the model provider", turn.skippedReason(0));
  }

  /**
   * The fake sends its headers after 2.5 s: past the first-token timeout (1.5 s) but within the
   * idle timeout (3 s), so only the first-token timeout moves on.
   */
  @Test
  void silenceBeforeTheResponsePastTheFirstTokenTimeoutFallsBack() {
    String needle = Chats.needle();
    openai().when(needle, Script.tokens("too", " late").initialDelayMillis(2500));
    anthropic().when(needle, Script.tokens("in", " time"));
    Turn turn = turn(Users.token(), "flaky-gpt", needle);
    assertEquals(List.of("in", " time", "[DONE]"), turn.data());
    assertEquals("claude-sonnet", turn.reply().getString("model"));
    assertTrue(turn.skippedReason(0).contains("first-token timeout"), turn.reply()::toString);
  }

  /**
   * The fake answers at once, then sends only keep-alive comments (so the idle timeout never
   * fires): only the first-token timeout moves on, on the reading thread, while the client sees
   * nothing but the usual wait.
   */
  @Test
  void silenceAfterTheHeadersBeforeTheFirstTokenFallsBack() {
    String needle = Chats.needle();
    openai().when(needle, Script.tokens("never").hangAfter(0));
    anthropic().when(needle, Script.tokens("Fallback", " answer"));
    Turn turn = turn(Users.token(), "flaky-gpt", needle);
    assertEquals(List.of("Fallback", " answer", "[DONE]"), turn.data());
    assertEquals("claude-sonnet", turn.reply().getString("model"));
    assertTrue(
        openai().awaitRequestContaining(needle, WAIT).awaitClientDisconnect(WAIT),
        "the silent provider's request is cancelled");
  }

  @Test
  void anthropicOverloadFallsBackToOpenAi() {
    String overloadEvent = Chats.needle();
    anthropic().when(overloadEvent, Script.tokens().thenErrorEvent("overloaded_error"));
    openai().when(overloadEvent, Script.tokens("GPT", " steps", " in"));
    Turn turn = turn(Users.token(), "flaky-claude", overloadEvent);
    assertEquals(List.of("GPT", " steps", " in", "[DONE]"), turn.data());
    assertEquals("gpt-4o", turn.reply().getString("model"));
    assertEquals("the model provider is overloaded (overloaded_error)", turn.skippedReason(0));

    String status529 = Chats.needle();
    anthropic()
        .when(
            status529,
            Script.tokens()
                .failWithStatus(
                    529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}"));
    openai().when(status529, Script.tokens("ok"));
    assertEquals(
        "gpt-4o", turn(Users.token(), "flaky-claude", status529).reply().getString("model"));
  }

  @Test
  void neverAfterTheFirstToken() {
    String token = Users.token();
    String needle = Chats.needle();
    openai().when(needle, Script.tokens("par", "tial", "never").dropAfter(2));
    anthropic().when(needle, Script.tokens("must", " not", " appear"));
    Turn turn = turn(token, "flaky-gpt", needle);
    assertEquals("par", turn.events().get(0).data());
    assertEquals("tial", turn.events().get(1).data());
    assertEquals("error", turn.events().get(2).name());
    assertEquals("[DONE]", turn.events().get(3).data());
    assertEquals("failed", turn.reply().getString("status"));
    assertEquals("partial", turn.reply().getString("content"));
    assertEquals("flaky-gpt", turn.reply().getString("model"));
    assertTrue(anthropic().requestsContaining(needle).isEmpty(), "no second answer was asked for");
  }

  @Test
  void whenEveryModelFailsTheErrorNamesThemAll() {
    String token = Users.token();
    String needle = Chats.needle();
    anthropic().when(needle, Script.tokens().failWithStatus(500, "{}"));
    openai().when(needle, Script.tokens().failWithStatus(502, "{}"));
    Api.Reply reply = Api.post("/v1/chat/stream", token, Chats.body("unreachable", needle, null));
    assertEquals(502, reply.status(), reply::toString);
    assertEquals(
        "the model provider failed (HTTP 502) (after falling back from unreachable: cannot connect"
            + " to the model provider; flaky-claude: the model provider failed (HTTP 500))",
        reply.detail());
    JsonObject stored = Chats.history(token, "").getJsonArray("sessions").getJsonObject(0);
    JsonObject failed = stored.getJsonArray("messages").getJsonObject(1);
    assertEquals("failed", failed.getString("status"));
    assertEquals(reply.detail(), failed.getJsonObject("metadata").getString("error"));
  }

  @Test
  void aWholeReplyAndAPreviewFallBackToo() {
    String needle = Chats.needle();
    openai().when(needle, Script.tokens().failWithStatus(500, "{}"));
    anthropic().when(needle, Script.tokens("Whole"));
    Api.Reply whole =
        Api.post(
            "/v1/chat/stream",
            Users.token(),
            "{\"model\":\"flaky-gpt\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":"
                + JsonText.quote(needle)
                + "}]}");
    assertEquals(200, whole.status(), whole::toString);
    assertEquals("claude-sonnet", whole.json().getString("model"), "the model that answered");
    assertEquals("Whole", whole.json().getJsonObject("message").getString("content"));

    Api.Reply preview =
        Api.post(
            "/api/chat/prompts/preview",
            Users.token(),
            "{\"content\":" + JsonText.quote(needle) + ",\"model\":\"flaky-gpt\"}");
    assertEquals(200, preview.status(), preview::toString);
    assertEquals("claude-sonnet", preview.json().getString("model_used"));
  }
}
