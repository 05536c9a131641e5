package dev.parley.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Payara Micro process of our own running the built WAR, for tests about the process itself:
 * start-up configuration, development mode, a crash and a restart. Its environment holds only what
 * the test gives (the suite's own server settings are removed). Loopback only, no clustering.
 */
final class PayaraProcess extends ServerProcess {

  private PayaraProcess(Process process, Path log, int port) {
    super(process, log, port);
  }

  static PayaraProcess start(Path workDir, Map<String, String> env) {
    return start(workDir, env, List.of("--nocluster"));
  }

  /**
   * As started by the README and docs/operations.md: SIGTERM keeps requests in flight up to {@code
   * grace}.
   */
  static PayaraProcess startWithShutdownGrace(
      Path workDir, Map<String, String> env, Duration grace) {
    return start(
        workDir, env, List.of("--nocluster", "--shutdowngrace", Long.toString(grace.toMillis())));
  }

  /**
   * One member of a Hazelcast cluster on loopback only: TCP/IP discovery of exactly the given
   * ports, bound to 127.0.0.1 (never Payara's default multicast discovery).
   */
  static PayaraProcess startClustered(
      Path workDir,
      Map<String, String> env,
      String clusterName,
      int hzPort,
      List<Integer> members) {
    return startClustered(workDir, env, clusterName, hzPort, members, null);
  }

  /** ... and with {@code --shutdowngrace} when {@code grace} is given. */
  static PayaraProcess startClustered(
      Path workDir,
      Map<String, String> env,
      String clusterName,
      int hzPort,
      List<Integer> members,
      Duration grace) {
    String memberList = String.join(",", members.stream().map(p -> "127.0.0.1:" + p).toList());
    List<String> options =
        new ArrayList<>(
            List.of(
                "--clusterMode",
                "tcpip:" + memberList,
                "--clustername",
                clusterName,
                "--interfaces",
                "127.0.0.1",
                "--startport",
                Integer.toString(hzPort)));
    if (grace != null) {
      options.addAll(List.of("--shutdowngrace", Long.toString(grace.toMillis())));
    }
    return start(workDir, env, options);
  }

  private static PayaraProcess start(
      Path workDir, Map<String, String> env, List<String> clusterOptions) {
    try {
      Files.createDirectories(workDir);
      int port = freePort();
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx384m",
                  "-Dhazelcast.socket.bind.any=false",
                  "-jar",
                  System.getProperty("payara.microJar"),
                  "--deploy",
                  System.getProperty("parley.it.war"),
                  "--port",
                  Integer.toString(port),
                  "--contextroot",
                  "/"));
      command.addAll(clusterOptions);
      ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
      builder
          .environment()
          .keySet()
          .removeIf(k -> k.startsWith("PARLEY_") || k.startsWith("MP_JWT_"));
      builder.environment().putAll(env);
      Path log = workDir.resolve("server-" + port + ".log");
      builder.redirectErrorStream(true).redirectOutput(log.toFile());
      PayaraProcess payara = new PayaraProcess(builder.start(), log, port);
      payara.awaitLog("ready in", Duration.ofSeconds(180));
      return payara;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void awaitLog(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (log().contains(text)) {
        return;
      }
      if (!isAlive()) {
        throw new AssertionError("Payara Micro exited; log:\n" + log());
      }
      Chats.sleep(250);
    }
    throw new AssertionError("no '" + text + "' in time; log:\n" + log());
  }
}
