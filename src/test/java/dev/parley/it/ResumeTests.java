package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.parley.testing.FakeUpstream;
import dev.parley.testing.RecordedRequest;
import dev.parley.testing.Script;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Resumable replies (issue #17) on one instance: event ids, resume with {@code Last-Event-ID} live
 * or after the end, several followers, the disconnect policy, stop, and limits that count a reply
 * once. The text a client assembles from its streams must equal the stored reply, character for
 * character. {@code ClusterIT} does the same across two instances.
 */
abstract class ResumeTests extends DeployedApi {

  static final Duration WAIT = Duration.ofSeconds(20);

  /**
   * The server's disconnect policy in this run (failsafe sets it with the server's environment).
   */
  static final boolean CANCEL_AT_ONCE =
      "cancel".equals(System.getProperty("parley.it.on-disconnect", "continue"));

  static final Duration GRACE =
      Duration.ofMillis(
          Long.parseLong(System.getProperty("parley.it.disconnect-grace-ms", "2000")));

  FakeUpstream upstream() {
    return TestEnvironment.upstream();
  }

  /** Tokens {@code " w0", " w1", ...}: every one different, so a duplicate or gap shows. */
  static String[] words(int count) {
    String[] words = new String[count];
    for (int i = 0; i < count; i++) {
      words[i] = " w" + i;
    }
    return words;
  }

  /** The text of a stream's token events, in order. */
  static String text(List<SseClient.Event> events) {
    StringBuilder text = new StringBuilder();
    for (SseClient.Event event : events) {
      if (event.name() == null && !"[DONE]".equals(event.data())) {
        text.append(event.data());
      }
    }
    return text.toString();
  }

  /**
   * Every token event's id is {@code reply.offset}, the offset after its text, from {@code from}.
   */
  static void assertIds(long replyId, int from, List<SseClient.Event> events) {
    int offset = from;
    for (SseClient.Event event : events) {
      if (event.name() == null && !"[DONE]".equals(event.data())) {
        offset += event.data().length();
        assertEquals(replyId + "." + offset, event.id(), events::toString);
      } else {
        assertNull(event.id(), "only token events carry ids: " + event);
      }
    }
  }

  static JsonObject storedReply(String token, long sessionId) {
    return Chats.awaitLastMessage(
        token, sessionId, m -> !"in_progress".equals(m.getString("status")));
  }

  /** {@code POST .../stop} as curl sends it: no body. */
  static Api.Reply stop(String token, long sessionId) {
    return Api.send(
        Api.request("/v1/chat/sessions/" + sessionId + "/stop", token)
            .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
            .build());
  }

  static String resumePath(long sessionId) {
    return "/v1/chat/sessions/" + sessionId + "/stream";
  }

  @Test
  void tokenEventsCarryTheReplyAndTheOffsetAsTheirId() {
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens("Once", " upon", " a", " time", "."));
    try (SseClient sse =
        SseClient.post("/v1/chat/stream", Users.token(), Chats.body("gpt-4", needle, null))) {
      assertEquals(200, sse.status());
      long replyId = Long.parseLong(sse.header("X-Reply-Id"));
      List<SseClient.Event> events = sse.rest(WAIT);
      assertEquals(
          List.of("Once", " upon", " a", " time", ".", "[DONE]"),
          events.stream().map(SseClient.Event::data).toList());
      assertIds(replyId, 0, events);
      assertEquals(replyId + ".4", events.get(0).id());
      assertEquals(replyId + ".17", events.get(4).id());
      assertTrue(sse.rawLines().contains("id: " + replyId + ".4"), sse.rawLines()::toString);
      assertTrue(sse.rawLines().contains("data: Once"), "data lines are unchanged");
    }
  }

  @Test
  void aClientCutMidReplyResumesWithLastEventIdAndGetsExactlyTheRestLiveToDone() {
    assumeFalse(CANCEL_AT_ONCE, "with the cancel policy a cut client's reply is cancelled");
    String token = Users.token();
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens(words(40)).gapMillis(50));
    long sessionId;
    String lastId;
    StringBuilder seen = new StringBuilder();
    try (SseClient first =
        SseClient.post("/v1/chat/stream", token, Chats.body("gpt-4", needle, null))) {
      sessionId = Long.parseLong(first.header("X-Session-Id"));
      SseClient.Event event = null;
      for (int i = 0; i < 5; i++) {
        event = first.next(WAIT);
        seen.append(event.data());
      }
      lastId = event.id();
    } // the connection breaks here
    Chats.sleep(300); // tokens flow on meanwhile: the resume starts with what was missed
    try (SseClient resumed = SseClient.get(resumePath(sessionId), token, "Last-Event-ID", lastId)) {
      assertEquals(200, resumed.status(), resumed::bodyText);
      assertEquals("no-cache", resumed.header("Cache-Control"));
      assertEquals(Long.toString(sessionId), resumed.header("X-Session-Id"));
      List<SseClient.Event> events = resumed.rest(WAIT);
      assertEquals("[DONE]", events.get(events.size() - 1).data(), events::toString);
      assertTrue(events.size() > 2, "missed text first, then live tokens: " + events);
      long replyId = Long.parseLong(lastId.substring(0, lastId.indexOf('.')));
      assertIds(replyId, seen.length(), events);
      seen.append(text(events));
    }
    assertEquals(String.join("", words(40)), seen.toString(), "no token missing or repeated");
    JsonObject stored = storedReply(token, sessionId);
    assertEquals("completed", stored.getString("status"));
    assertEquals(seen.toString(), stored.getString("content"));
  }

  @Test
  void theQueryParameterWorksForClientsThatCannotSetHeadersAndTheHeaderWins() {
    String token = Users.token();
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens("one", " two", " three"));
    long sessionId = Chats.streamTurn(token, "gpt-4", needle, null);
    long replyId = replyIdOf(token, sessionId);
    try (SseClient resumed =
        SseClient.get(resumePath(sessionId) + "?last_event_id=" + replyId + ".3", token)) {
      List<SseClient.Event> events = resumed.rest(WAIT);
      assertEquals(" two three", text(events));
      assertIds(replyId, 3, events);
    }
    try (SseClient resumed =
        SseClient.get(
            resumePath(sessionId) + "?last_event_id=" + replyId + ".3",
            token,
            "Last-Event-ID",
            replyId + ".7")) {
      assertEquals(" three", text(resumed.rest(WAIT)));
    }
  }

  /** The reply id from a resume without Last-Event-ID, which answers with it in a header. */
  static long replyIdOf(String token, long sessionId) {
    try (SseClient sse = SseClient.get(resumePath(sessionId), token)) {
      assertEquals(200, sse.status(), sse::bodyText);
      return Long.parseLong(sse.header("X-Reply-Id"));
    }
  }

  @Test
  void afterTheEndAResumeSendsTheRestAndDoneAtOnce() {
    String token = Users.token();
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens("Stored", " and", " done"));
    long sessionId = Chats.streamTurn(token, "gpt-4", needle, null);
    long replyId = replyIdOf(token, sessionId);

    try (SseClient whole = SseClient.get(resumePath(sessionId), token)) {
      List<SseClient.Event> events = whole.rest(WAIT);
      assertEquals(List.of("Stored and done", "[DONE]"), data(events), "the whole reply at once");
      assertEquals(replyId + ".15", events.get(0).id());
    }
    try (SseClient rest =
        SseClient.get(resumePath(sessionId), token, "Last-Event-ID", replyId + ".6")) {
      assertEquals(List.of(" and done", "[DONE]"), data(rest.rest(WAIT)));
    }
    try (SseClient nothing =
        SseClient.get(resumePath(sessionId), token, "Last-Event-ID", replyId + ".15")) {
      assertEquals(List.of("[DONE]"), data(nothing.rest(WAIT)), "nothing missed: just the end");
    }
  }

  static List<String> data(List<SseClient.Event> events) {
    return events.stream().map(SseClient.Event::data).toList();
  }

  @Test
  void aFailedReplyResumesWithItsStoredTextAnErrorEventAndDone() {
    String token = Users.token();
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens("par", "tial", "never").dropAfter(2));
    long sessionId = Chats.streamTurn(token, "gpt-4", needle, null);
    assertEquals("failed", storedReply(token, sessionId).getString("status"));
    try (SseClient resumed = SseClient.get(resumePath(sessionId), token)) {
      List<SseClient.Event> events = resumed.rest(WAIT);
      assertEquals("partial", events.get(0).data());
      assertEquals("error", events.get(1).name());
      assertTrue(
          Api.parse(events.get(1).data()).asJsonObject().getString("detail").contains("provider"));
      assertEquals("[DONE]", events.get(2).data());
      assertEquals(3, events.size(), events::toString);
    }
  }

  @Test
  void twoFollowersAndTheRequesterGetTheSameWholeReply() throws Exception {
    String token = Users.token();
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens(words(30)).gapMillis(60));
    try (SseClient requester =
        SseClient.post("/v1/chat/stream", token, Chats.body("gpt-4", needle, null))) {
      long sessionId = Long.parseLong(requester.header("X-Session-Id"));
      requester.next(WAIT);
      CompletableFuture<String> tab1 = follow(token, sessionId);
      CompletableFuture<String> tab2 = follow(token, sessionId);
      String whole = String.join("", words(30));
      assertEquals(whole, " w0" + text(requester.rest(WAIT)));
      assertEquals(whole, tab1.get(30, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(whole, tab2.get(30, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(whole, storedReply(token, sessionId).getString("content"));
      assertEquals(
          1, upstream().requestsContaining(needle).size(), "followers never call the provider");
    }
  }

  /** A second tab: follows the session's reply from its start, returns the text it assembled. */
  static CompletableFuture<String> follow(String token, long sessionId) {
    SseClient sse = SseClient.get(resumePath(sessionId), token);
    assertEquals(200, sse.status(), sse::bodyText);
    return CompletableFuture.supplyAsync(
        () -> {
          try (sse) {
            List<SseClient.Event> events = sse.rest(WAIT);
            assertEquals("[DONE]", events.get(events.size() - 1).data());
            return text(events);
          }
        });
  }

  @Test
  void aReplyNobodyFollowsIsCancelledAfterTheGraceAndAResumeWithinItKeepsItAlive() {
    String token = Users.token();
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens(words(400)).gapMillis(50));
    long sessionId;
    String lastId;
    try (SseClient first =
        SseClient.post("/v1/chat/stream", token, Chats.body("gpt-4", needle, null))) {
      sessionId = Long.parseLong(first.header("X-Session-Id"));
      lastId = first.next(WAIT).id();
    }
    RecordedRequest call = upstream().awaitRequestContaining(needle, WAIT);
    if (CANCEL_AT_ONCE) {
      assertTrue(call.awaitClientDisconnect(Duration.ofSeconds(8)), "cancel policy: at once");
      assertEquals("cancelled", storedReply(token, sessionId).getString("status"));
      return;
    }
    // within the grace a client comes back: the reply goes on
    try (SseClient back = SseClient.get(resumePath(sessionId), token, "Last-Event-ID", lastId)) {
      back.next(WAIT);
      Chats.sleep(GRACE.toMillis() + 1500);
      assertFalse(call.clientDisconnected(), "followed again: not cancelled");
      back.next(WAIT);
    }
    // nobody follows any more: cancelled once the grace has passed
    long left = System.nanoTime();
    assertTrue(
        call.awaitClientDisconnect(GRACE.plusSeconds(8)),
        "provider call cancelled after the grace");
    long afterMs = (System.nanoTime() - left) / 1_000_000;
    assertTrue(afterMs >= GRACE.toMillis() - 500, "not before the grace: " + afterMs + " ms");
    JsonObject stored = storedReply(token, sessionId);
    assertEquals("cancelled", stored.getString("status"));
    assertTrue(stored.getString("content").startsWith(" w0 w1 w2"), stored::toString);
    // a late resume gets the stored text and says why it ends early
    try (SseClient late = SseClient.get(resumePath(sessionId), token)) {
      List<SseClient.Event> events = late.rest(WAIT);
      assertEquals(stored.getString("content"), events.get(0).data());
      assertEquals("error", events.get(1).name());
      assertTrue(events.get(1).data().contains("no client followed"), events::toString);
      assertEquals("[DONE]", events.get(2).data());
    }
  }

  @Test
  void stopEndsTheRunningReplyWithinASecondStoresItCancelledAndIsIdempotent() {
    String token = Users.token();
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens(words(400)).gapMillis(50));
    try (SseClient sse =
        SseClient.post("/v1/chat/stream", token, Chats.body("gpt-4", needle, null))) {
      long sessionId = Long.parseLong(sse.header("X-Session-Id"));
      long replyId = Long.parseLong(sse.header("X-Reply-Id"));
      List<SseClient.Event> events = new ArrayList<>();
      events.add(sse.next(WAIT));
      events.add(sse.next(WAIT));
      CompletableFuture<String> follower = follow(token, sessionId);

      Api.Reply stop = stop(token, sessionId);
      assertEquals(200, stop.status(), stop::toString);
      JsonObject stopped = stop.json();
      assertTrue(stopped.getBoolean("stopped"), stopped::toString);
      assertEquals("cancelled", stopped.getString("status"));
      assertEquals(replyId, stopped.getJsonNumber("reply_id").longValue());
      assertEquals(sessionId, stopped.getJsonNumber("session_id").longValue());

      RecordedRequest call = upstream().awaitRequestContaining(needle, WAIT);
      assertTrue(call.awaitClientDisconnect(Duration.ofSeconds(2)), "provider call closed");
      events.addAll(sse.rest(WAIT));
      assertEquals("[DONE]", events.get(events.size() - 1).data(), "the requester gets [DONE]");
      String stored = storedReply(token, sessionId).getString("content");
      assertEquals(stored, text(events), "the requester saw exactly the stored text");
      assertEquals(stored, follower.join(), "the follower too");
      assertEquals("cancelled", storedReply(token, sessionId).getString("status"));

      Api.Reply again = stop(token, sessionId);
      assertEquals(200, again.status(), again::toString);
      assertFalse(again.json().getBoolean("stopped"));
      assertEquals("cancelled", again.json().getString("status"));
    }
  }

  @Test
  void anotherUsersOrApplicationsSessionIs404AndBadIdsAre400() {
    String owner = Users.newSubject();
    String token = Users.token(owner);
    String needle = Chats.needle();
    long sessionId = Chats.streamTurn(token, "gpt-4", needle, null);
    long otherSession = Chats.streamTurn(token, "gpt-4", Chats.needle(), null);
    long otherReply = replyIdOf(token, otherSession);
    for (String stranger : List.of(Users.token(), Users.token(owner, "another-app"))) {
      Api.Reply resume = Api.get(resumePath(sessionId), stranger);
      assertEquals(404, resume.status(), resume::toString);
      assertEquals("chat session not found", resume.detail());
      Api.Reply stop = stop(stranger, sessionId);
      assertEquals(404, stop.status(), stop::toString);
      assertEquals("chat session not found", stop.detail());
    }
    for (String bad : List.of("abc", "1", "1.-1", "1.2.3", "99999999999999999999.1")) {
      Api.Reply reply =
          Api.send(
              Api.request(resumePath(sessionId), token).header("Last-Event-ID", bad).GET().build());
      assertEquals(400, reply.status(), bad + ": " + reply);
      assertTrue(reply.detail().contains("Last-Event-ID"), reply::toString);
    }
    Api.Reply foreign =
        Api.send(
            Api.request(resumePath(sessionId), token)
                .header("Last-Event-ID", otherReply + ".0")
                .GET()
                .build());
    assertEquals(400, foreign.status(), foreign::toString);
    assertEquals("Last-Event-ID names no reply of this session", foreign.detail());
    Api.Reply beyond =
        Api.send(
            Api.request(resumePath(otherSession), token)
                .header("Last-Event-ID", otherReply + ".999999")
                .GET()
                .build());
    assertEquals(400, beyond.status(), beyond::toString);
    assertEquals(404, Api.get(resumePath(999_999_999), token).status());
    assertEquals(400, Api.get("/v1/chat/sessions/x/stream", token).status());
  }

  @Test
  void aResumedReplyIsCountedOnceInUsageAndLimits() {
    String subject = Users.newSubject();
    String token = Users.freeToken(subject); // free tier: 2 concurrent model calls
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens(words(20)).gapMillis(50).usage(7, 20));
    try (SseClient requester =
        SseClient.post("/v1/chat/stream", token, Chats.body("gpt-4", needle, null))) {
      long sessionId = Long.parseLong(requester.header("X-Session-Id"));
      requester.next(WAIT);
      CompletableFuture<String> tab1 = follow(token, sessionId);
      CompletableFuture<String> tab2 = follow(token, sessionId);
      // two followers are not two more model calls: a second turn is still within the limit of 2
      Api.Reply other =
          Api.post(
              "/v1/chat/stream",
              token,
              "{\"model\":\"gpt-4\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
      assertEquals(200, other.status(), other::toString);
      requester.rest(WAIT);
      tab1.join();
      tab2.join();
      storedReply(token, sessionId);
    }
    JsonObject totals = Api.get("/v1/usage", token).json().getJsonObject("total");
    assertEquals(2, totals.getInt("requests"), "two turns, however many followers: " + totals);
    assertEquals(
        20 + 2, totals.getInt("completion_tokens"), "the followed reply counted once: " + totals);
  }
}
