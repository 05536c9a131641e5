package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.platform.json.JsonText;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

/** Shortcuts for chat tests. */
final class Chats {

  private Chats() {}

  /** A unique marker: put it in a message so the fake upstream can pick this test's script. */
  static String needle() {
    return "needle-" + UUID.randomUUID();
  }

  static String body(String model, String userMessage, Long sessionId) {
    return "{\"model\":"
        + JsonText.quote(model)
        + ",\"messages\":[{\"role\":\"user\",\"content\":"
        + JsonText.quote(userMessage)
        + "}]"
        + (sessionId == null ? "" : ",\"session_id\":" + sessionId)
        + "}";
  }

  /** Streams one turn to the end and returns the session id. */
  static long streamTurn(String token, String model, String message, Long sessionId) {
    try (SseClient sse =
        SseClient.post("/v1/chat/stream", token, body(model, message, sessionId))) {
      assertEquals(200, sse.status(), sse::bodyText);
      sse.rest(Duration.ofSeconds(20));
      return Long.parseLong(sse.header("X-Session-Id"));
    }
  }

  static JsonObject history(String token, String query) {
    Api.Reply reply = Api.get("/v1/chat/history" + query, token);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  static JsonObject session(String token, long sessionId) {
    for (JsonObject session :
        history(token, "?page_size=100").getJsonArray("sessions").getValuesAs(JsonObject.class)) {
      if (session.getJsonNumber("id").longValue() == sessionId) {
        return session;
      }
    }
    throw new AssertionError("session " + sessionId + " not in history");
  }

  /**
   * Polls until the session's last message matches, e.g. a reply's final status after a disconnect.
   */
  static JsonObject awaitLastMessage(
      String token, long sessionId, Predicate<JsonObject> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      var messages = session(token, sessionId).getJsonArray("messages");
      last = messages.getJsonObject(messages.size() - 1);
      if (condition.test(last)) {
        return last;
      }
      sleep(200);
    }
    throw new AssertionError("last message never matched; was " + last);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
