package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.json.JsonText;
import dev.parley.testing.FakeUpstream;
import dev.parley.testing.Pdfs;
import dev.parley.testing.RecordedRequest;
import dev.parley.testing.Script;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two providers at once: {@code claude-sonnet} is served by the fake Anthropic Messages API, the
 * {@code gpt-*} models by the fake OpenAI-compatible upstream. Streaming, history, usage and error
 * mapping work the same on either, and a session continues across them with its whole history.
 */
abstract class ProvidersTests extends DeployedApi {

  static final Duration WAIT = Duration.ofSeconds(20);

  static FakeUpstream openai() {
    return TestEnvironment.upstream();
  }

  static FakeUpstream anthropic() {
    return TestEnvironment.anthropic();
  }

  @Test
  void theCatalogueNamesEachModelsProviderAndDialect() {
    JsonArray models = Api.get("/v1/models", Users.token()).json().getJsonArray("data");
    JsonObject claude = model(models, "claude-sonnet");
    assertEquals("anthropic", claude.getString("provider"));
    assertEquals("anthropic", claude.getString("provider_kind"));
    assertEquals("claude-sonnet-4-5", claude.getString("upstream_id"));
    JsonObject gpt = model(models, "gpt-4o");
    assertEquals("openai", gpt.getString("provider"));
    assertEquals("openai", gpt.getString("provider_kind"));
    assertEquals(
        List.of("claude-sonnet"), strings(model(models, "flaky-gpt").getJsonArray("fallbacks")));
  }

  @Test
  void aReplyStreamsFromAnthropicAndIsStoredWithItsUsage() {
    String token = Users.token();
    String needle = Chats.needle();
    anthropic()
        .when(needle, Script.tokens("Bonjour", " from", "\nClaude").usage(42, 3).gapMillis(20));
    long sessionId;
    try (SseClient sse =
        SseClient.post(
            "/v1/chat/stream", token, Chats.body("claude-sonnet", "Hi " + needle, null))) {
      assertEquals(200, sse.status(), sse::bodyText);
      sessionId = Long.parseLong(sse.header("X-Session-Id"));
      List<SseClient.Event> events = sse.rest(WAIT);
      assertEquals("Bonjour", events.get(0).data());
      assertEquals(" from", events.get(1).data());
      assertEquals("\nClaude", events.get(2).data(), "a token with a line break stays one event");
      assertEquals("[DONE]", events.get(events.size() - 1).data());
    }
    RecordedRequest sent = anthropic().awaitRequestContaining(needle, WAIT);
    assertEquals("/v1/messages", sent.path());
    assertEquals("test-anthropic-key", sent.header("x-api-key"));
    assertEquals("2023-06-01", sent.header("anthropic-version"));
    assertEquals(null, sent.header("Authorization"), "Anthropic's key goes in x-api-key only");
    assertEquals("claude-sonnet-4-5", sent.json().getString("model"));
    assertEquals(1000, sent.json().getInt("max_tokens"), "the configured default");
    assertTrue(sent.json().getBoolean("stream"));
    JsonObject reply =
        Chats.awaitLastMessage(token, sessionId, m -> "completed".equals(m.getString("status")));
    assertEquals("Bonjour from\nClaude", reply.getString("content"));
    assertEquals("claude-sonnet", reply.getString("model"));
    JsonObject day = Api.get("/v1/usage", token).json().getJsonArray("days").getJsonObject(0);
    assertEquals("claude-sonnet", day.getString("model"));
    assertEquals(42, day.getInt("prompt_tokens"), "input tokens of message_start");
    assertEquals(3, day.getInt("completion_tokens"), "output tokens of message_delta");
  }

  @Test
  void aWholeReplyFromAnthropicWithStreamFalse() {
    String needle = Chats.needle();
    anthropic().when(needle, Script.tokens("Short", " answer").finishReason("length"));
    Api.Reply reply =
        Api.post(
            "/v1/chat/stream",
            Users.token(),
            "{\"model\":\"claude-sonnet\",\"stream\":false,\"max_tokens\":7,\"temperature\":1.8,"
                + "\"messages\":[{\"role\":\"user\",\"content\":"
                + JsonText.quote(needle)
                + "}]}");
    assertEquals(200, reply.status(), reply::toString);
    assertEquals("Short answer", reply.json().getJsonObject("message").getString("content"));
    assertEquals("length", reply.json().getString("finish_reason"), "max_tokens in OpenAI's name");
    assertEquals("claude-sonnet", reply.json().getString("model"));
    JsonObject sent = anthropic().awaitRequestContaining(needle, WAIT).json();
    assertEquals(7, sent.getInt("max_tokens"));
    assertEquals(1.0, sent.getJsonNumber("temperature").doubleValue(), "capped at 1.0");
  }

  /**
   * A session starts on OpenAI with a system prompt and a document, continues on Anthropic and
   * returns to OpenAI: each provider gets every earlier message, the system prompt and the
   * document's context (Anthropic: all in the top-level system field).
   */
  @Test
  void aSessionSwitchesBetweenProvidersAndKeepsItsWholeHistory() {
    String token = Users.token();
    String first = Chats.needle();
    openai().when(first, Script.tokens("Paris", " is", " lovely."));
    String body =
        "{\"model\":\"gpt-4\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a travel guide.\"},"
            + "{\"role\":\"user\",\"content\":"
            + JsonText.quote("Where to? " + first)
            + "}]}";
    long session;
    try (SseClient sse = SseClient.post("/v1/chat/stream", token, body)) {
      assertEquals(200, sse.status(), sse::bodyText);
      sse.rest(WAIT);
      session = Long.parseLong(sse.header("X-Session-Id"));
    }
    FilesTests.uploadedId(
        token, session, "hotel.pdf", Pdfs.text("The hotel is the Blue Heron on Rue Cler."));
    Api.Reply switched =
        Api.post(
            "/v1/chat/switch-model",
            token,
            "{\"session_id\":" + session + ",\"model\":\"claude-sonnet\"}");
    assertEquals(200, switched.status(), switched::toString);

    String second = Chats.needle();
    anthropic().when(second, Script.tokens("The", " Blue", " Heron."));
    try (SseClient sse =
        SseClient.post(
            "/v1/chat/stream",
            token,
            Chats.body("claude-sonnet", "Which hotel? " + second, session))) {
      assertEquals(200, sse.status(), sse::bodyText);
      assertEquals("The", sse.next(WAIT).data());
      sse.rest(WAIT);
    }
    JsonObject toClaude = anthropic().awaitRequestContaining(second, WAIT).json();
    String system = toClaude.getString("system");
    assertTrue(system.contains("<document name=\"hotel.pdf\">"), system);
    assertTrue(system.contains("Blue Heron on Rue Cler"), system);
    assertTrue(system.contains("You are a travel guide."), system);
    JsonArray claudeMessages = toClaude.getJsonArray("messages");
    assertEquals(3, claudeMessages.size(), claudeMessages::toString);
    assertEquals("Where to? " + first, claudeMessages.getJsonObject(0).getString("content"));
    assertEquals("assistant", claudeMessages.getJsonObject(1).getString("role"));
    assertEquals("Paris is lovely.", claudeMessages.getJsonObject(1).getString("content"));
    assertEquals("Which hotel? " + second, claudeMessages.getJsonObject(2).getString("content"));

    String third = Chats.needle();
    openai().when(third, Script.tokens("Bye"));
    Chats.streamTurn(token, "gpt-4o", "Thanks " + third, session);
    JsonArray toGpt = openai().awaitRequestContaining(third, WAIT).json().getJsonArray("messages");
    List<String> roles =
        toGpt.getValuesAs(JsonObject.class).stream().map(m -> m.getString("role")).toList();
    assertEquals(
        List.of("system", "system", "user", "assistant", "user", "assistant", "user"), roles);
    assertTrue(toGpt.getJsonObject(0).getString("content").contains("Blue Heron"));
    assertEquals("You are a travel guide.", toGpt.getJsonObject(1).getString("content"));
    assertEquals("The Blue Heron.", toGpt.getJsonObject(5).getString("content"));

    JsonArray history = Chats.session(token, session).getJsonArray("messages");
    List<String> models =
        history.getValuesAs(JsonObject.class).stream()
            .filter(m -> "assistant".equals(m.getString("role")))
            .map(m -> m.getString("model"))
            .toList();
    assertEquals(List.of("gpt-4", "claude-sonnet", "gpt-4o"), models);
  }

  @Test
  void anthropicOverloadBeforeTheStreamIsA502AndTheTurnIsKept() {
    String token = Users.token();
    String needle = Chats.needle();
    anthropic()
        .when(
            needle,
            Script.tokens()
                .failWithStatus(
                    529,
                    "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"secret\"}}"));
    Api.Reply reply = Api.post("/v1/chat/stream", token, Chats.body("claude-sonnet", needle, null));
    assertEquals(502, reply.status(), reply::toString);
    assertEquals("the model provider is overloaded (HTTP 529)", reply.detail());
    assertFalse(reply.body().contains("secret"));
    JsonObject session = Chats.history(token, "").getJsonArray("sessions").getJsonObject(0);
    assertEquals("failed", session.getJsonArray("messages").getJsonObject(1).getString("status"));
  }

  @Test
  void anthropicErrorEventMidStreamIsAnErrorEventAndAStoredFailedReply() {
    String token = Users.token();
    String needle = Chats.needle();
    anthropic().when(needle, Script.tokens("Half", " way").thenErrorEvent("overloaded_error"));
    long sessionId;
    try (SseClient sse =
        SseClient.post("/v1/chat/stream", token, Chats.body("claude-sonnet", needle, null))) {
      sessionId = Long.parseLong(sse.header("X-Session-Id"));
      List<SseClient.Event> events = sse.rest(WAIT);
      assertEquals("Half", events.get(0).data());
      assertEquals(" way", events.get(1).data());
      assertEquals("error", events.get(2).name());
      assertEquals(
          "the model provider is overloaded (overloaded_error)",
          Api.parse(events.get(2).data()).asJsonObject().getString("detail"));
      assertEquals("[DONE]", events.get(3).data());
    }
    JsonObject reply =
        Chats.awaitLastMessage(token, sessionId, m -> "failed".equals(m.getString("status")));
    assertEquals("Half way", reply.getString("content"));
    assertEquals(
        "the model provider is overloaded (overloaded_error)",
        reply.getJsonObject("metadata").getString("error"));
  }

  @Test
  void anthropicSilenceIsA504() {
    String needle = Chats.needle();
    anthropic().when(needle, Script.tokens("late").initialDelayMillis(6000));
    Api.Reply reply =
        Api.post("/v1/chat/stream", Users.token(), Chats.body("claude-sonnet", needle, null));
    assertEquals(504, reply.status(), reply::toString);
  }

  @Test
  void promptPreviewsGoToAnthropicToo() {
    String needle = Chats.needle();
    anthropic().when(needle, Script.tokens("Previewed"));
    Api.Reply reply =
        Api.post(
            "/api/chat/prompts/preview",
            Users.token(),
            "{\"content\":\"Say {w}\",\"variables\":{\"w\":"
                + JsonText.quote(needle)
                + "},"
                + "\"model\":\"claude-sonnet\"}");
    assertEquals(200, reply.status(), reply::toString);
    assertEquals("Previewed", reply.json().getString("preview"));
    assertEquals("claude-sonnet", reply.json().getString("model_used"));
  }

  static JsonObject model(JsonArray models, String id) {
    return models.getValuesAs(JsonObject.class).stream()
        .filter(m -> id.equals(m.getString("id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " not in " + models));
  }

  static List<String> strings(JsonArray array) {
    return array.getValuesAs(jakarta.json.JsonString.class).stream()
        .map(jakarta.json.JsonString::getString)
        .toList();
  }
}
