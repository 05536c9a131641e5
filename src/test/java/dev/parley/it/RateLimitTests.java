package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Script;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tier limits: request rate with headers, concurrent streams, tokens per day; usage accounting. The
 * suite runs with a 10 s rate window ({@code PARLEY_RATELIMIT_WINDOW_SECONDS}) and the default
 * per-tier limits.
 */
abstract class RateLimitTests extends DeployedApi {

  static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void everyAuthenticatedResponseCarriesTheRateLimitHeaders() {
    String token = Users.token();
    Api.Reply first = Api.get("/v1/models", token);
    Api.Reply second = Api.get("/v1/chat/history", token);
    assertEquals("120", first.header("RateLimit-Limit").orElse(null), "pro tier default");
    assertEquals(119, Integer.parseInt(first.header("RateLimit-Remaining").orElseThrow()));
    assertEquals(118, Integer.parseInt(second.header("RateLimit-Remaining").orElseThrow()));
    int reset = Integer.parseInt(first.header("RateLimit-Reset").orElseThrow());
    assertTrue(reset >= 0 && reset <= 10, "reset within the window: " + reset);
    assertTrue(
        first.header("Access-Control-Expose-Headers").orElse("").contains("RateLimit-Remaining"));
    Api.Reply notFound = Api.delete("/v1/chat/sessions/987654321", token);
    assertEquals(404, notFound.status());
    assertTrue(notFound.header("RateLimit-Limit").isPresent(), "error responses carry them too");
  }

  @Test
  void aBurstOnTheFreeTierHits429WhileProIsUnaffectedAndTheWindowResets() {
    String free = Users.freeToken(Users.newSubject());
    String pro = Users.token();
    int limit = Integer.parseInt(Api.get("/v1/me", free).header("RateLimit-Limit").orElseThrow());
    assertEquals(20, limit, "free tier default");
    for (int i = 1; i < limit; i++) {
      assertEquals(200, Api.get("/v1/me", free).status(), "request " + (i + 1));
    }
    Api.Reply refused = Api.get("/v1/me", free);
    assertEquals(429, refused.status(), refused::toString);
    assertTrue(
        refused.detail().contains("request rate limit") && refused.detail().contains("free"),
        refused::toString);
    int retryAfter = Integer.parseInt(refused.header("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 10, "retry after " + retryAfter);
    assertEquals("0", refused.header("RateLimit-Remaining").orElse(null));
    assertEquals(200, Api.get("/v1/me", pro).status(), "another user, another tier: not limited");

    Chats.sleep(retryAfter * 1000L + 300);
    Api.Reply again = Api.get("/v1/me", free);
    assertEquals(200, again.status(), "the window reset: " + again);
    assertEquals(limit - 1, Integer.parseInt(again.header("RateLimit-Remaining").orElseThrow()));
  }

  @Test
  void theConcurrentStreamLimitRefusesBeforeAnyUpstreamCall() {
    String free = Users.freeToken(Users.newSubject());
    String needle = Chats.needle();
    TestEnvironment.upstream().when(needle, Script.tokens("hold", "never").hangAfter(1));
    List<SseClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        SseClient sse =
            SseClient.post("/v1/chat/stream", free, Chats.body("gpt-4", needle + " " + i, null));
        open.add(sse);
        assertEquals("hold", sse.next(WAIT).data());
      }
      int upstreamCalls = TestEnvironment.upstream().requestsContaining(needle).size();
      Api.Reply third =
          Api.post("/v1/chat/stream", free, Chats.body("gpt-4", needle + " third", null));
      assertEquals(429, third.status(), third::toString);
      assertTrue(third.detail().contains("concurrent stream limit"), third::toString);
      assertTrue(third.header("Retry-After").isPresent());
      assertEquals(upstreamCalls, TestEnvironment.upstream().requestsContaining(needle).size());
      assertEquals(
          0,
          Chats.history(free, "?page_size=100").getJsonArray("sessions").stream()
              .filter(s -> s.toString().contains("third"))
              .count(),
          "nothing stored for a refused request");
    } finally {
      open.forEach(SseClient::close);
    }
  }

  @Test
  void theDailyTokenBudgetIsCheckedBeforeTheCall() {
    String free = Users.freeToken(Users.newSubject());
    String needle = Chats.needle();
    Api.Reply refused =
        Api.post(
            "/v1/chat/stream",
            free,
            "{\"model\":\"gpt-4\",\"max_tokens\":150000,\"messages\":[{\"role\":\"user\",\"content\":\""
                + needle
                + "\"}]}");
    assertEquals(429, refused.status(), refused::toString);
    assertTrue(refused.detail().contains("daily token limit"), refused::toString);
    assertTrue(Long.parseLong(refused.header("Retry-After").orElseThrow()) > 0);
    assertTrue(TestEnvironment.upstream().requestsContaining(needle).isEmpty());
  }

  @Test
  void usageRecordsMatchWhatTheProviderReported() {
    String subject = Users.newSubject();
    String token = Users.token(subject);
    String needle = Chats.needle();
    TestEnvironment.upstream().when(needle, Script.tokens("a", "b", "c").usage(13, 7));
    Chats.streamTurn(token, "gpt-4o", needle, null);
    String other = Chats.needle();
    TestEnvironment.upstream().when(other, Script.tokens("x").usage(5, 1));
    Api.post(
        "/v1/chat/stream",
        token,
        "{\"model\":\"gpt-4\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\""
            + other
            + "\"}]}");

    JsonObject usage = Api.get("/v1/usage", token).json();
    JsonObject total = usage.getJsonObject("total");
    assertEquals(2, total.getInt("requests"));
    assertEquals(18, total.getInt("prompt_tokens"));
    assertEquals(8, total.getInt("completion_tokens"));
    assertEquals(26, total.getInt("total_tokens"));
    var days = usage.getJsonArray("days").getValuesAs(JsonObject.class);
    assertEquals(List.of("gpt-4", "gpt-4o"), days.stream().map(d -> d.getString("model")).toList());
    assertEquals(7, days.get(1).getInt("completion_tokens"));
    assertEquals(subject, usage.getString("subject"));
    JsonObject limits = usage.getJsonObject("limits");
    assertEquals("pro", limits.getString("tier"));
    assertEquals(26, limits.getInt("tokens_used_today"));

    String admin = Users.adminToken();
    JsonObject asAdmin = Api.get("/v1/usage?user=" + subject, admin).json();
    assertEquals(26, asAdmin.getJsonObject("total").getInt("total_tokens"));
    assertEquals(jakarta.json.JsonValue.NULL, asAdmin.get("limits"), "limits are the caller's own");
    assertEquals(403, Api.get("/v1/usage?user=" + subject, Users.token()).status());
    assertEquals(404, Api.get("/v1/usage?user=nobody-" + needle, admin).status());
    assertEquals(
        0,
        Api.get("/v1/usage?end_date=2000-01-01", token)
            .json()
            .getJsonObject("total")
            .getInt("requests"));
    assertEquals(400, Api.get("/v1/usage?start_date=nope", token).status());
    assertFalse(Api.get("/v1/usage?app=default", token).json().getJsonArray("days").isEmpty());
  }

  @Test
  void promptPreviewsAreAccountedLikeChat() {
    String token = Users.token();
    String needle = Chats.needle();
    TestEnvironment.upstream().when(needle, Script.tokens("short").usage(4, 2));
    Api.Reply preview =
        Api.post(
            "/api/chat/prompts/preview",
            token,
            "{\"content\":\"Say {x} "
                + needle
                + "\",\"variables\":{\"x\":\"hi\"},\"model\":\"gpt-4o\"}");
    assertEquals(200, preview.status(), preview::toString);
    assertTrue(preview.header("RateLimit-Remaining").isPresent());
    JsonObject usage = Api.get("/v1/usage", token).json();
    assertEquals(1, usage.getJsonObject("total").getInt("requests"));
    assertEquals(6, usage.getJsonObject("total").getInt("total_tokens"));
    assertEquals("gpt-4o", usage.getJsonArray("days").getJsonObject(0).getString("model"));
  }

  @Test
  void concurrentTurnsOfOneUserAreAllServed() throws Exception {
    String token = Users.token(); // pro: 10 concurrent calls
    var pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            5); // below the suite's instance capacity of 10
    try {
      List<java.util.concurrent.Future<Api.Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String body =
            "{\"model\":\"gpt-4\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"parallel "
                + i
                + "\"}]}";
        replies.add(pool.submit(() -> Api.post("/v1/chat/stream", token, body)));
      }
      for (var reply : replies) {
        Api.Reply done = reply.get();
        assertEquals(200, done.status(), done::toString);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(5, Chats.history(token, "").getInt("total"));
  }
}
