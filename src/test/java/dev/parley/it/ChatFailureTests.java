package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.FakeUpstream;
import dev.parley.testing.RecordedRequest;
import dev.parley.testing.Script;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Provider failures, client disconnects, busy sessions and capacity: always a clear outcome, never
 * a lost message.
 */
abstract class ChatFailureTests extends DeployedApi {

  static final Duration WAIT = Duration.ofSeconds(20);

  FakeUpstream upstream() {
    return TestEnvironment.upstream();
  }

  @Test
  void providerErrorBeforeTheStreamIsA502JsonAndTheTurnIsKept() {
    String token = Users.token();
    String needle = Chats.needle();
    upstream()
        .when(
            needle,
            Script.tokens().failWithStatus(500, "{\"error\":{\"message\":\"secret internals\"}}"));
    try (SseClient sse =
        SseClient.post("/v1/chat/stream", token, Chats.body("gpt-4", needle, null))) {
      assertEquals(502, sse.status());
      String body = sse.bodyText();
      assertTrue(body.contains("\"detail\""), body);
      assertFalse(body.contains("secret internals"), body);
    }
    JsonObject session = Chats.history(token, "").getJsonArray("sessions").getJsonObject(0);
    assertEquals(needle, session.getJsonArray("messages").getJsonObject(0).getString("content"));
    assertEquals("failed", session.getJsonArray("messages").getJsonObject(1).getString("status"));
  }

  @Test
  void providerSilentBeforeAnsweringIsA504() {
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens("late").initialDelayMillis(6000));
    Api.Reply reply = Api.post("/v1/chat/stream", Users.token(), Chats.body("gpt-4", needle, null));
    assertEquals(504, reply.status(), reply::toString);
    assertFalse(reply.detail().isBlank());
  }

  @Test
  void providerBreakingOffMidStreamSendsAnErrorEventThenDoneAndKeepsThePartialReply() {
    String token = Users.token();
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens("par", "tial", "never").dropAfter(2));
    long sessionId;
    try (SseClient sse =
        SseClient.post("/v1/chat/stream", token, Chats.body("gpt-4", needle, null))) {
      assertEquals(200, sse.status());
      sessionId = Long.parseLong(sse.header("X-Session-Id"));
      List<SseClient.Event> events = sse.rest(WAIT);
      assertEquals("par", events.get(0).data());
      assertEquals("tial", events.get(1).data());
      SseClient.Event error = events.get(2);
      assertEquals("error", error.name());
      assertTrue(
          Api.parse(error.data()).asJsonObject().getString("detail").contains("provider"),
          error.data());
      assertEquals("[DONE]", events.get(3).data());
      assertEquals(4, events.size());
    }
    JsonObject reply =
        Chats.awaitLastMessage(token, sessionId, m -> !"in_progress".equals(m.getString("status")));
    assertEquals("failed", reply.getString("status"));
    assertEquals("partial", reply.getString("content"));
  }

  /**
   * A client that disconnects and does not come back: the provider call goes on for the disconnect
   * grace (a resume may pick the reply up meanwhile, see {@link ResumeTests}), then is cancelled
   * and the text so far is stored as cancelled.
   */
  @Test
  void clientDisconnectCancelsTheUpstreamRequestAfterTheGrace() {
    String token = Users.token();
    String needle = Chats.needle();
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      many.add(" t" + i);
    }
    upstream().when(needle, Script.tokens(many.toArray(String[]::new)).gapMillis(100));
    long sessionId;
    try (SseClient sse =
        SseClient.post("/v1/chat/stream", token, Chats.body("gpt-4", needle, null))) {
      sessionId = Long.parseLong(sse.header("X-Session-Id"));
      sse.next(WAIT);
      sse.next(WAIT);
    } // hangs up here
    RecordedRequest upstreamCall = upstream().awaitRequestContaining(needle, WAIT);
    Duration grace = ResumeTests.GRACE;
    assertTrue(
        upstreamCall.awaitClientDisconnect(grace.plusSeconds(8)),
        "upstream request not cancelled within the grace + 8 s");
    assertTrue(
        upstreamCall.tokensSent() < 10 + (grace.toMillis() + 8000) / 100,
        "upstream kept streaming: " + upstreamCall.tokensSent());
    JsonObject reply =
        Chats.awaitLastMessage(token, sessionId, m -> "cancelled".equals(m.getString("status")));
    assertTrue(reply.getString("content").startsWith(" t0 t1"), reply::toString);
  }

  @Test
  void clientDisconnectDuringProviderSilenceIsNoticedByTheHeartbeat() {
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens("first", "never").hangAfter(1));
    try (SseClient sse =
        SseClient.post("/v1/chat/stream", Users.token(), Chats.body("gpt-4", needle, null))) {
      assertEquals("first", sse.next(WAIT).data());
      SseClient.Event heartbeat = sse.nextAny(Duration.ofSeconds(5));
      assertTrue(heartbeat.isComment(), heartbeat::toString);
    }
    RecordedRequest upstreamCall = upstream().awaitRequestContaining(needle, WAIT);
    assertTrue(
        upstreamCall.awaitClientDisconnect(ResumeTests.GRACE.plusSeconds(10)),
        "silent upstream not cancelled");
  }

  @Test
  void partialRepliesAreCheckpointedWhileStreaming() {
    String token = Users.token();
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens("saved", " early", "never").hangAfter(2));
    try (SseClient sse =
        SseClient.post("/v1/chat/stream", token, Chats.body("gpt-4", needle, null))) {
      long sessionId = Long.parseLong(sse.header("X-Session-Id"));
      sse.next(WAIT);
      sse.next(WAIT);
      JsonObject reply =
          Chats.awaitLastMessage(
              token, sessionId, m -> "saved early".equals(m.getString("content")));
      assertEquals("in_progress", reply.getString("status"));
    }
  }

  @Test
  void aSecondStreamOnABusySessionIs409() {
    String token = Users.token();
    long sessionId = Chats.streamTurn(token, "gpt-4", "start " + Chats.needle(), null);
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens("busy", "never").hangAfter(1));
    try (SseClient first =
        SseClient.post("/v1/chat/stream", token, Chats.body("gpt-4", needle, sessionId))) {
      assertEquals("busy", first.next(WAIT).data());
      Api.Reply second =
          Api.post("/v1/chat/stream", token, Chats.body("gpt-4", "again", sessionId));
      assertEquals(409, second.status(), second::toString);
      assertTrue(second.detail().contains("streaming"), second::toString);
    }
  }

  @Test
  void beyondCapacityStreamsAreRefusedUpFrontWith503AndRetryAfter() {
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens("hold", "never").hangAfter(1));
    int capacity = Integer.parseInt(System.getProperty("parley.it.max-open-streams", "10"));
    List<SseClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < capacity; i++) {
        SseClient sse =
            SseClient.post("/v1/chat/stream", Users.token(), Chats.body("gpt-4", needle, null));
        open.add(sse);
        assertEquals("hold", sse.next(WAIT).data());
      }
      int before = upstream().requestsContaining(needle).size();
      Api.Reply refused =
          Api.post("/v1/chat/stream", Users.token(), Chats.body("gpt-4", needle, null));
      assertEquals(503, refused.status(), refused::toString);
      assertTrue(Integer.parseInt(refused.header("Retry-After").orElse("0")) >= 1);
      assertTrue(refused.detail().contains("capacity"), refused::toString);
      assertEquals(
          before, upstream().requestsContaining(needle).size(), "refused before any upstream call");
    } finally {
      open.forEach(SseClient::close);
    }
    // capacity comes back once those streams are gone
    long deadline = System.nanoTime() + WAIT.toNanos();
    int status = 0;
    while (System.nanoTime() < deadline && status != 200) {
      status =
          Api.post(
                  "/v1/chat/stream",
                  Users.token(),
                  "{\"model\":\"gpt-4\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"ok\"}]}")
              .status();
      Chats.sleep(200);
    }
    assertEquals(200, status);
  }
}
