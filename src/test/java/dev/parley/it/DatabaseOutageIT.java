package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * database stopping while liveness stays UP; and the access log carries the request id, never the
 * token. (After the database restarts, the server's pool keeps handing out the dead connections:
 * see README "Operations", so recovery is not asserted here.)
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

      postgres = postgres(pgPort, pgData); // a database restart: same port, same data
      assertEquals("UP", awaitStatus(root, "/health/ready", 200).json().getString("status"));
      Api.Reply history = Api.get("/v1/chat/history", token);
      assertEquals(200, history.status(), "the pool recovered without a restart: " + history);
    } finally {
      postgres.close();
    }
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
