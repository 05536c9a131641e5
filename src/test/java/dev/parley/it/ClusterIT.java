package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.RecordedRequest;
import dev.parley.testing.Script;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Parley instances in one Payara cluster (Hazelcast over loopback TCP/IP) on one PostgreSQL: a
 * user's request-rate limit is one limit across both, not one per instance; and a reply streaming
 * on one instance can be resumed, followed and stopped on the other, live, with the text a client
 * assembles equal to the stored reply, also while its instance shuts down (SIGTERM, last).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final Duration GRACE = Duration.ofSeconds(2);

  private EmbeddedPostgres postgres;
  private PayaraProcess one;
  private PayaraProcess two;

  @BeforeAll
  void startCluster() throws Exception {
    int hz1 = PayaraProcess.freePort();
    int hz2 = PayaraProcess.freePort();
    String cluster = "parley-it-" + UUID.randomUUID();
    Path dir = Path.of(System.getProperty("parley.it.dir"), "cluster", cluster);
    postgres =
        EmbeddedPostgres.builder()
            .setPort(PayaraProcess.freePort())
            .setDataDirectory(dir.resolve("pg"))
            .setCleanDataDirectory(true)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .start();
    try (var connection = postgres.getPostgresDatabase().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("ALTER USER postgres PASSWORD 'postgres'");
    }
    Map<String, String> env =
        TestEnvironment.serverEnv(
            "PARLEY_TIERS_FREE_REQUESTS_PER_MINUTE", "10",
            "PARLEY_DB_URL", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
            "PARLEY_DB_USER", "postgres",
            "PARLEY_DB_PASSWORD", "postgres",
            "PARLEY_PROVIDER_IDLE_TIMEOUT_MS", "3000",
            "PARLEY_CHAT_CHECKPOINT_INTERVAL_MS", "500",
            "PARLEY_CHAT_HEARTBEAT_INTERVAL_MS", "1000",
            "PARLEY_CHAT_DISCONNECT_GRACE_MS", Long.toString(GRACE.toMillis()),
            "PARLEY_SHUTDOWN_GRACE_MS", "8000");
    List<Integer> members = List.of(hz1, hz2);
    one =
        PayaraProcess.startClustered(
            dir.resolve("one"),
            withInstance(env, "one"),
            cluster,
            hz1,
            members,
            Duration.ofSeconds(15));
    two =
        PayaraProcess.startClustered(
            dir.resolve("two"), withInstance(env, "two"), cluster, hz2, members);
    two.awaitLog("DG Size: 2", Duration.ofSeconds(60));
  }

  @AfterAll
  void stopCluster() throws Exception {
    for (AutoCloseable closeable : new AutoCloseable[] {two, one, postgres}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  @Test
  @Order(1)
  void theRequestRateLimitHoldsAcrossTwoInstances() {
    String token = Users.freeToken(Users.newSubject());
    int allowed = 0;
    int refused = 0;
    for (int i = 0; i < 15; i++) {
      Api.bind(i % 2 == 0 ? one.url() : two.url());
      int status = Api.get("/v1/me", token).status();
      if (status == 200) {
        allowed++;
      } else if (status == 429) {
        refused++;
      }
    }
    assertEquals(10, allowed, "one limit of 10 per minute across both instances");
    assertEquals(5, refused);
  }

  @Test
  @Order(2)
  void aReplyCutOnOneInstanceIsResumedLiveOnTheOtherWithExactlyTheMissingText() {
    String token = Users.token();
    String needle = Chats.needle();
    TestEnvironment.upstream().when(needle, Script.tokens(ResumeTests.words(60)).gapMillis(50));
    StringBuilder seen = new StringBuilder();
    long sessionId;
    String lastId;
    Api.bind(one.url());
    try (SseClient first =
        SseClient.post("/v1/chat/stream", token, Chats.body("gpt-4", needle, null))) {
      sessionId = Long.parseLong(first.header("X-Session-Id"));
      SseClient.Event event = null;
      for (int i = 0; i < 5; i++) {
        event = first.next(WAIT);
        seen.append(event.data());
      }
      lastId = event.id();
    }
    Api.bind(two.url());
    try (SseClient resumed =
        SseClient.get(ResumeTests.resumePath(sessionId), token, "Last-Event-ID", lastId)) {
      assertEquals(200, resumed.status(), resumed::bodyText);
      List<SseClient.Event> events = resumed.rest(WAIT);
      assertEquals("[DONE]", events.get(events.size() - 1).data(), events::toString);
      long replyId = Long.parseLong(lastId.substring(0, lastId.indexOf('.')));
      ResumeTests.assertIds(replyId, seen.length(), events);
      seen.append(ResumeTests.text(events));
      // followed token by token over the grid, not in a few batches read from the database
      assertTrue(events.size() >= 20, "live tail, " + events.size() + " events: " + events);
    }
    assertEquals(String.join("", ResumeTests.words(60)), seen.toString());
    JsonObject stored = ResumeTests.storedReply(token, sessionId);
    assertEquals("completed", stored.getString("status"));
    assertEquals(seen.toString(), stored.getString("content"));
  }

  @Test
  @Order(3)
  void followersOnBothInstancesGetTheWholeReply() throws Exception {
    String token = Users.token();
    String needle = Chats.needle();
    TestEnvironment.upstream().when(needle, Script.tokens(ResumeTests.words(30)).gapMillis(50));
    Api.bind(one.url());
    try (SseClient requester =
        SseClient.post("/v1/chat/stream", token, Chats.body("gpt-4", needle, null))) {
      long sessionId = Long.parseLong(requester.header("X-Session-Id"));
      requester.next(WAIT);
      CompletableFuture<String> here = ResumeTests.follow(token, sessionId);
      Api.bind(two.url());
      CompletableFuture<String> there = ResumeTests.follow(token, sessionId);
      CompletableFuture<String> there2 = ResumeTests.follow(token, sessionId);
      String whole = String.join("", ResumeTests.words(30));
      assertEquals(whole, " w0" + ResumeTests.text(requester.rest(WAIT)));
      assertEquals(whole, here.get(30, TimeUnit.SECONDS));
      assertEquals(whole, there.get(30, TimeUnit.SECONDS));
      assertEquals(whole, there2.get(30, TimeUnit.SECONDS));
      assertEquals(whole, ResumeTests.storedReply(token, sessionId).getString("content"));
    }
  }

  @Test
  @Order(4)
  void aReplyIsStoppedFromTheOtherInstanceWithinASecond() {
    String token = Users.token();
    String needle = Chats.needle();
    TestEnvironment.upstream().when(needle, Script.tokens(ResumeTests.words(400)).gapMillis(50));
    Api.bind(one.url());
    try (SseClient sse =
        SseClient.post("/v1/chat/stream", token, Chats.body("gpt-4", needle, null))) {
      long sessionId = Long.parseLong(sse.header("X-Session-Id"));
      List<SseClient.Event> events = new ArrayList<>();
      events.add(sse.next(WAIT));
      events.add(sse.next(WAIT));
      Api.bind(two.url());
      long start = System.nanoTime();
      Api.Reply stop = ResumeTests.stop(token, sessionId);
      long stopMs = (System.nanoTime() - start) / 1_000_000;
      assertEquals(200, stop.status(), stop::toString);
      assertTrue(stop.json().getBoolean("stopped"), stop::toString);
      assertEquals("cancelled", stop.json().getString("status"));
      RecordedRequest call = TestEnvironment.upstream().awaitRequestContaining(needle, WAIT);
      assertTrue(call.awaitClientDisconnect(Duration.ofSeconds(2)), "provider call closed");
      assertTrue(stopMs < 3000, "stop answered in " + stopMs + " ms");
      events.addAll(sse.rest(WAIT));
      assertEquals("[DONE]", events.get(events.size() - 1).data());
      assertEquals(
          ResumeTests.storedReply(token, sessionId).getString("content"), ResumeTests.text(events));
      Api.Reply again = ResumeTests.stop(token, sessionId);
      assertFalse(again.json().getBoolean("stopped"), again::toString);
    }
  }

  @Test
  @Order(5)
  void aFollowerOnTheOtherInstanceKeepsTheReplyGoingPastTheGrace() {
    String token = Users.token();
    String needle = Chats.needle();
    TestEnvironment.upstream().when(needle, Script.tokens(ResumeTests.words(400)).gapMillis(50));
    long sessionId;
    String lastId;
    Api.bind(one.url());
    try (SseClient first =
        SseClient.post("/v1/chat/stream", token, Chats.body("gpt-4", needle, null))) {
      sessionId = Long.parseLong(first.header("X-Session-Id"));
      lastId = first.next(WAIT).id();
    }
    RecordedRequest call = TestEnvironment.upstream().awaitRequestContaining(needle, WAIT);
    Api.bind(two.url());
    try (SseClient follower =
        SseClient.get(ResumeTests.resumePath(sessionId), token, "Last-Event-ID", lastId)) {
      long until = System.nanoTime() + GRACE.plusSeconds(3).toNanos();
      while (System.nanoTime() < until) {
        follower.next(WAIT);
      }
      assertFalse(call.clientDisconnected(), "followed from the other instance: not cancelled");
    }
    assertTrue(
        call.awaitClientDisconnect(GRACE.plusSeconds(10)),
        "cancelled once the other instance stopped following");
    assertEquals("cancelled", ResumeTests.storedReply(token, sessionId).getString("status"));
  }

  /** Last: instance one is gone afterwards. */
  @Test
  @Order(99)
  void aReplyBeingDrainedAtSigtermIsResumedOnTheOtherInstanceAndStoredConsistently()
      throws Exception {
    String token = Users.token();
    String needle = Chats.needle();
    TestEnvironment.upstream().when(needle, Script.tokens(ResumeTests.words(40)).gapMillis(100));
    StringBuilder seen = new StringBuilder();
    long sessionId;
    String lastId;
    Api.bind(one.url());
    SseClient first = SseClient.post("/v1/chat/stream", token, Chats.body("gpt-4", needle, null));
    sessionId = Long.parseLong(first.header("X-Session-Id"));
    SseClient.Event event = null;
    for (int i = 0; i < 3; i++) {
      event = first.next(WAIT);
      seen.append(event.data());
    }
    lastId = event.id();
    one.terminate(); // SIGTERM: the reply goes on for the drain's grace
    Chats.sleep(300);
    first.close(); // and its client loses the connection, as behind a load balancer
    Api.bind(two.url());
    try (SseClient resumed =
        SseClient.get(ResumeTests.resumePath(sessionId), token, "Last-Event-ID", lastId)) {
      assertEquals(200, resumed.status(), resumed::bodyText);
      List<SseClient.Event> events = resumed.rest(WAIT);
      assertEquals("[DONE]", events.get(events.size() - 1).data(), events::toString);
      seen.append(ResumeTests.text(events));
      // the draining instance left the data grid at SIGTERM: this follower read the checkpoints
    }
    JsonObject stored = ResumeTests.storedReply(token, sessionId);
    assertEquals("completed", stored.getString("status"), stored::toString);
    assertEquals(stored.getString("content"), seen.toString(), "what the client saw is stored");
    assertEquals(String.join("", ResumeTests.words(40)), seen.toString());
    assertTrue(one.awaitExit(WAIT), "instance one exits after its drain");
  }

  private static Map<String, String> withInstance(Map<String, String> env, String id) {
    var copy = new HashMap<>(env);
    copy.put("PARLEY_INSTANCE_ID", id);
    return copy;
  }
}
