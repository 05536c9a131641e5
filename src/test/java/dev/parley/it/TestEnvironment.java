package dev.parley.it;

import dev.parley.testing.FakeUpstream;
import dev.parley.testing.TestTokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts what the deployed server needs before Arquillian starts it, once per integration-test JVM:
 * the fake upstream providers (OpenAI-compatible and Anthropic), the JWT key pair (public key
 * written where {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} points) and, for the PostgreSQL run, a
 * real embedded PostgreSQL. Ports and paths come from failsafe system properties, the same values
 * the server receives as environment variables. Inactive in unit-test runs.
 */
public class TestEnvironment implements LauncherSessionListener {

  public static final String ISSUER = "parley-test";

  private static FakeUpstream upstream;
  private static FakeUpstream anthropic;
  private static TestTokens tokens;
  private static EmbeddedPostgres postgres;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String itDir = System.getProperty("parley.it.dir");
    if (itDir == null) {
      return;
    }
    try {
      Path dir = Path.of(itDir);
      Files.createDirectories(dir);
      String fresh = System.getProperty("parley.it.fresh-dir");
      if (fresh != null) {
        deleteRecursively(Path.of(fresh)); // every run starts from an empty H2 database
      }
      tokens = TestTokens.generate(ISSUER);
      tokens.writePublicKeyPem(dir.resolve("jwt-public.pem"));
      upstream =
          FakeUpstream.start(Integer.parseInt(System.getProperty("parley.it.upstream.port")));
      anthropic =
          FakeUpstream.startAnthropic(
              Integer.parseInt(System.getProperty("parley.it.anthropic.port")));
      String pgPort = System.getProperty("parley.it.pg.port");
      if (pgPort != null && !pgPort.isBlank()) {
        Path pgDir = dir.resolve("pg-" + pgPort);
        postgres =
            EmbeddedPostgres.builder()
                .setPort(Integer.parseInt(pgPort))
                .setDataDirectory(pgDir)
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "300")
                .start();
        try (var connection = postgres.getPostgresDatabase().getConnection();
            var statement = connection.createStatement()) {
          statement.execute("ALTER USER postgres PASSWORD 'postgres'");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (upstream != null) {
      upstream.close();
    }
    if (anthropic != null) {
      anthropic.close();
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException ignored) {
        // the JVM is ending
      }
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  public static FakeUpstream upstream() {
    return upstream;
  }

  /** The fake Anthropic Messages API: the provider {@code anthropic} of the servers under test. */
  public static FakeUpstream anthropic() {
    return anthropic;
  }

  public static TestTokens tokens() {
    return tokens;
  }

  /**
   * The environment of a server process of a test's own ({@link PayaraProcess}): the suite's JWT
   * key and issuer and the fake provider, plus {@code extra} key-value pairs.
   */
  public static Map<String, String> serverEnv(String... extra) {
    Map<String, String> env = new HashMap<>();
    env.put(
        "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
        "file://" + Path.of(System.getProperty("parley.it.dir"), "jwt-public.pem"));
    env.put("MP_JWT_VERIFY_ISSUER", ISSUER);
    env.put("PARLEY_OPENAI_BASE_URL", upstream().baseUrl());
    for (int i = 0; i + 1 < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return Map.copyOf(env);
  }

  public static boolean onPostgres() {
    return postgres != null;
  }
}
