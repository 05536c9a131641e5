package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Pdfs;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A Parley process on its own embedded PostgreSQL: readiness goes DOWN (503) within seconds of the
 * database stopping while liveness stays UP, every endpoint family answers 503 with {@code
 * Retry-After} meanwhile, and after the database restarts readiness comes back UP and requests are
 * served without restarting Parley. The access log carries the request id, never the token.
 */
class DatabaseOutageIT {

  static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void readyGoesDownWithTheDatabaseWhileLiveStaysUpAndComesBackWithIt() throws Exception {
    Path dir = LifecycleIT.workDir("outage");
    Path pgData = dir.resolve("pg");
    int pgPort = PayaraProcess.freePort();
    EmbeddedPostgres postgres = postgres(pgPort, pgData);
    Map<String, String> env =
        TestEnvironment.serverEnv(
            "PARLEY_DB_URL",
            "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
            "PARLEY_DB_USER",
            "postgres",
            "PARLEY_DB_PASSWORD",
            "postgres");
    try (PayaraProcess payara = PayaraProcess.start(dir.resolve("server"), env)) {
      URI root = URI.create(payara.url().toString());
      assertEquals(200, health(root, "/health/ready").status());

      Api.bind(payara.url());
      String token = Users.token();
      String id = "outage-" + UUID.randomUUID();
      Api.Reply models =
          Api.send(Api.request("/v1/models", token).header("X-Request-Id", id).GET().build());
      assertEquals(id, models.header("X-Request-Id").orElse(null));
      payara.awaitLog("\"request_id\":\"" + id + "\"", WAIT);
      String log = payara.log();
      assertTrue(log.contains("\"endpoint\":\"/v1/models\",\"status\":200"), log);
      assertFalse(log.contains(token), "the bearer token is never logged");

      long sessionId = Chats.streamTurn(token, "gpt-4", "before the outage", null);
      Api.Reply prompt =
          Api.post("/api/chat/prompts", token, "{\"title\":\"t\",\"content\":\"Say {w}\"}");
      assertEquals(201, prompt.status(), prompt::toString);
      long promptId = prompt.json().getJsonNumber("id").longValue();

      postgres.close();
      long stopped = System.nanoTime();
      Api.Reply down = awaitStatus(root, "/health/ready", 503);
      long downAfterMs = (System.nanoTime() - stopped) / 1_000_000;
      JsonObject database = check(down.json(), "database");
      assertEquals("DOWN", database.getString("status"), down::toString);
      assertEquals("UP", check(down.json(), "migrations").getString("status"));
      assertTrue(downAfterMs < 10_000, "ready went down after " + downAfterMs + " ms");
      Api.Reply live = health(root, "/health/live");
      assertEquals(200, live.status(), "live stays up without the database: " + live);
      everyEndpointFamilyAnswers503(token, sessionId, promptId);

      postgres = postgres(pgPort, pgData); // a database restart: same port, same data
      assertEquals("UP", awaitStatus(root, "/health/ready", 200).json().getString("status"));
      Api.Reply history = Api.get("/v1/chat/history", token);
      assertEquals(200, history.status(), "the pool recovered without a restart: " + history);
    } finally {
      postgres.close();
    }
  }

  /**
   * Our outage is never blamed on the caller: every endpoint that needs the database answers 503
   * with {@code Retry-After} and a {@code {"detail"}}, not a 429 ("too many simultaneous requests"
   * was the lock query failing), a 409 or a 500.
   */
  static void everyEndpointFamilyAnswers503(String token, long sessionId, long promptId) {
    String chat =
        "{\"model\":\"gpt-4\",\"session_id\":"
            + sessionId
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"during\"}]}";
    Map<String, Api.Reply> replies = new java.util.LinkedHashMap<>();
    replies.put("stream, existing session", Api.post("/v1/chat/stream", token, chat));
    replies.put(
        "stream, new session", Api.post("/v1/chat/stream", token, Chats.body("gpt-4", "x", null)));
    replies.put(
        "stream false",
        Api.post("/v1/chat/stream", token, chat.replace("{", "{\"stream\":false,")));
    replies.put(
        "switch model",
        Api.post(
            "/v1/chat/switch-model",
            token,
            "{\"session_id\":" + sessionId + ",\"model\":\"gpt-4o\"}"));
    replies.put("history", Api.get("/v1/chat/history", token));
    replies.put("delete session", Api.delete("/v1/chat/sessions/" + sessionId, token));
    replies.put("usage", Api.get("/v1/usage", token));
    replies.put("list prompts", Api.get("/api/chat/prompts", token));
    replies.put("get prompt", Api.get("/api/chat/prompts/" + promptId, token));
    replies.put(
        "create prompt",
        Api.post("/api/chat/prompts", token, "{\"title\":\"t\",\"content\":\"c\"}"));
    replies.put(
        "update prompt", Api.put("/api/chat/prompts/" + promptId, token, "{\"title\":\"u\"}"));
    replies.put(
        "preview",
        Api.post(
            "/api/chat/prompts/preview",
            token,
            "{\"prompt_id\":" + promptId + ",\"variables\":{\"w\":\"hi\"}}"));
    replies.put("list files", Api.get("/api/chat/sessions/" + sessionId + "/files", token));
    replies.put(
        "upload",
        Api.send(
            FilesTests.uploadRequest(
                token, sessionId, "file", "a.pdf", "application/pdf", Pdfs.text("x"), false)));
    replies.forEach(
        (family, reply) -> {
          assertEquals(503, reply.status(), family + ": " + reply);
          assertTrue(reply.header("Retry-After").isPresent(), family + ": no Retry-After");
          assertTrue(reply.detail().contains("database"), family + ": " + reply);
        });
  }

  /**
   * The database in {@code data}: created on the first start (a new directory per run), kept on
   * close so that starting it again is a database restart.
   */
  static EmbeddedPostgres postgres(int port, Path data) throws IOException {
    return EmbeddedPostgres.builder()
        .setPort(port)
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setServerConfig("listen_addresses", "127.0.0.1")
        .start();
  }

  static Api.Reply health(URI root, String path) {
    return Api.send(
        HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build());
  }

  static Api.Reply awaitStatus(URI root, String path, int status) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    Api.Reply reply = health(root, path);
    while (reply.status() != status && System.nanoTime() < deadline) {
      Chats.sleep(200);
      reply = health(root, path);
    }
    assertEquals(status, reply.status(), reply::toString);
    return reply;
  }

  static JsonObject check(JsonObject health, String name) {
    return health.getJsonArray("checks").stream()
        .map(JsonObject.class::cast)
        .filter(c -> name.equals(c.getString("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
  }
}
