package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.FakeUpstream;
import dev.parley.testing.RecordedRequest;
import dev.parley.testing.Script;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/chat/stream}: incremental SSE, conversation handling and the non-streaming
 * variant.
 */
abstract class ChatStreamTests extends DeployedApi {

  static final Duration WAIT = Duration.ofSeconds(20);

  FakeUpstream upstream() {
    return TestEnvironment.upstream();
  }

  @Test
  void tokensArriveIncrementallyAsPlainDataEventsEndingWithDone() {
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens("Once", " upon", " a", " time", ".").gapMillis(300));
    try (SseClient sse =
        SseClient.post(
            "/v1/chat/stream",
            Users.token(),
            Chats.body("gpt-4", "Tell me a story " + needle, null))) {
      assertEquals(200, sse.status());
      assertTrue(
          sse.header("Content-Type").startsWith("text/event-stream"), sse.header("Content-Type"));
      assertEquals("no-cache", sse.header("Cache-Control"));
      assertEquals("no", sse.header("X-Accel-Buffering"));
      assertTrue(Long.parseLong(sse.header("X-Session-Id")) > 0);
      SseClient.Event first = sse.next(WAIT);
      List<SseClient.Event> rest = sse.rest(WAIT);
      assertEquals("Once", first.data());
      assertEquals(
          List.of(" upon", " a", " time", ".", "[DONE]"),
          rest.stream().map(SseClient.Event::data).toList());
      SseClient.Event last = rest.get(rest.size() - 2);
      long spreadMs = Duration.between(first.at(), last.at()).toMillis();
      assertTrue(
          spreadMs >= 900,
          "first token must arrive well before the last (spread " + spreadMs + " ms)");
      assertTrue(rest.stream().allMatch(e -> e.name() == null), "token events are unnamed");
    }
  }

  @Test
  void aTokenWithLineBreaksBecomesSeveralDataLinesOfOneEvent() {
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens("line one\nline two", "\r\nthree"));
    try (SseClient sse =
        SseClient.post("/v1/chat/stream", Users.token(), Chats.body("gpt-4", needle, null))) {
      List<SseClient.Event> events = sse.rest(WAIT);
      assertEquals("line one\nline two", events.get(0).data());
      assertEquals("\nthree", events.get(1).data());
      assertTrue(sse.rawLines().contains("data: line one"), () -> sse.rawLines().toString());
      assertTrue(sse.rawLines().contains("data: line two"), () -> sse.rawLines().toString());
    }
  }

  @Test
  void followUpsAppendToTheSessionAndSendTheWholeConversationWithTheRequestsModel() {
    String token = Users.token();
    String first = Chats.needle();
    upstream().when(first, Script.tokens("Hello", " there"));
    long sessionId = Chats.streamTurn(token, "gpt-4", "Hi " + first, null);

    String second = Chats.needle();
    upstream().when(second, Script.tokens("Sure"));
    assertEquals(sessionId, Chats.streamTurn(token, "gpt-4o", "Go on " + second, sessionId));

    RecordedRequest sent = upstream().awaitRequestContaining(second, WAIT);
    assertEquals("gpt-4o", sent.json().getString("model"));
    assertTrue(sent.json().getBoolean("stream"));
    assertTrue(sent.json().getJsonObject("stream_options").getBoolean("include_usage"));
    assertEquals("Bearer test-provider-key", sent.header("Authorization"));
    JsonArray messages = sent.json().getJsonArray("messages");
    assertEquals(3, messages.size(), messages::toString);
    assertEquals("Hi " + first, messages.getJsonObject(0).getString("content"));
    assertEquals("assistant", messages.getJsonObject(1).getString("role"));
    assertEquals("Hello there", messages.getJsonObject(1).getString("content"));
    assertEquals("Go on " + second, messages.getJsonObject(2).getString("content"));

    JsonObject session = Chats.session(token, sessionId);
    assertEquals("gpt-4o", session.getString("model"));
    assertEquals("Hi " + first, session.getString("title"));
    assertEquals(4, session.getJsonArray("messages").size());
  }

  @Test
  void titleIsTheFirstUserMessageOnOneLineCappedAt80() {
    String token = Users.token();
    String needle = Chats.needle();
    String longMessage = "  Line one\n\tline two " + "x".repeat(200) + needle;
    long sessionId = Chats.streamTurn(token, "gpt-4", longMessage, null);
    String title = Chats.session(token, sessionId).getString("title");
    assertTrue(title.length() <= 80, title);
    assertTrue(title.startsWith("Line one line two xxx"), title);
  }

  @Test
  void streamFalseReturnsTheWholeReplyWithUsage() {
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens("All", " at", " once").usage(11, 3));
    Api.Reply reply =
        Api.post(
            "/v1/chat/stream",
            Users.token(),
            "{\"model\":\"gpt-3.5-turbo\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\""
                + needle
                + "\"}]}");
    assertEquals(200, reply.status(), reply::toString);
    JsonObject body = reply.json();
    assertEquals("gpt-3.5-turbo", body.getString("model"));
    assertEquals("assistant", body.getJsonObject("message").getString("role"));
    assertEquals("All at once", body.getJsonObject("message").getString("content"));
    assertEquals(11, body.getJsonObject("usage").getInt("prompt_tokens"));
    assertEquals(3, body.getJsonObject("usage").getInt("completion_tokens"));
    assertEquals(14, body.getJsonObject("usage").getInt("total_tokens"));
    assertEquals("stop", body.getString("finish_reason"));
    assertEquals(
        body.getJsonNumber("session_id").toString(), reply.header("X-Session-Id").orElse(""));
  }

  @Test
  void temperatureDefaultsAndMaxTokensPassThrough() {
    String needle = Chats.needle();
    Chats.streamTurn(Users.token(), "gpt-4", needle, null);
    JsonObject sent = upstream().awaitRequestContaining(needle, WAIT).json();
    assertEquals(0.7, sent.getJsonNumber("temperature").doubleValue(), 1e-9);
    assertNull(sent.get("max_tokens"));

    String other = Chats.needle();
    Api.post(
        "/v1/chat/stream",
        Users.token(),
        "{\"model\":\"gpt-4\",\"stream\":false,\"temperature\":0,\"max_tokens\":12,"
            + "\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},{\"role\":\"user\",\"content\":\""
            + other
            + "\"}]}");
    JsonObject second = upstream().awaitRequestContaining(other, WAIT).json();
    assertEquals(0.0, second.getJsonNumber("temperature").doubleValue(), 1e-9);
    assertEquals(12, second.getInt("max_tokens"));
    assertEquals("system", second.getJsonArray("messages").getJsonObject(0).getString("role"));
  }

  @Test
  void repliesAreStoredCompletedWithTheirModel() {
    String token = Users.token();
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens("Stored", " reply"));
    long sessionId = Chats.streamTurn(token, "gpt-4", needle, null);
    JsonObject reply = Chats.awaitLastMessage(token, sessionId, m -> true);
    assertEquals("assistant", reply.getString("role"));
    assertEquals("Stored reply", reply.getString("content"));
    assertEquals("completed", reply.getString("status"));
    assertEquals("gpt-4", reply.getString("model"));
    assertTrue(
        reply
            .getString("created_at")
            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
  }
}
