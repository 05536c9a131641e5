package dev.parley.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * WildFly ({@code standalone-microprofile.xml}, unpacked by the build) running the built WAR as
 * {@code ROOT.war}, configured the way docs/wildfly.md tells operators (the EJB container added by
 * Parley's jboss-cli script, Parley's YAML changes at boot), with a server base directory of its
 * own under the work directory, every socket on a free loopback port, and the environment of the
 * test JVM (the failsafe execution's server settings) unless a test changes it. It deploys through
 * the deployment scanner at boot.
 */
final class WildFlyProcess extends ServerProcess {

  static final String CONFIG = "standalone-microprofile.xml";
  static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(180);
  static final Duration CLI_TIMEOUT = Duration.ofSeconds(120);

  private final Path deployments;

  private WildFlyProcess(Process process, Path log, int port, Path deployments) {
    super(process, log, port);
    this.deployments = deployments;
  }

  /**
   * Boots WildFly with the environment of the test JVM and waits until the WAR is deployed.
   *
   * @param workDir the server's base directory, console log and working directory
   */
  static WildFlyProcess start(Path workDir) {
    WildFlyProcess wildfly = launch(workDir, environment -> {});
    try {
      if (!wildfly.awaitDeployment()) {
        throw new AssertionError(
            "ROOT.war failed to deploy on WildFly; log:\n" + wildfly.logTail());
      }
    } catch (RuntimeException | AssertionError e) {
      wildfly.close();
      throw e;
    }
    return wildfly;
  }

  /**
   * Boots WildFly, with the environment of the test JVM as changed by {@code environment}, and
   * returns at once: {@link #awaitDeployment()} tells the outcome.
   */
  static WildFlyProcess launch(Path workDir, Consumer<Map<String, String>> environment) {
    Path home = Path.of(System.getProperty("parley.it.wildfly.home"));
    try {
      Path base = workDir.resolve("base");
      Path deployments = Files.createDirectories(base.resolve("deployments"));
      copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
      runCli(home, base, Path.of(System.getProperty("parley.it.wildfly.cli")), workDir);
      Files.copy(
          Path.of(System.getProperty("parley.it.war")),
          deployments.resolve("ROOT.war"),
          StandardCopyOption.REPLACE_EXISTING);
      int http = freePort();
      List<String> command =
          new ArrayList<>(
              List.of(
                  home.resolve("bin/standalone.sh").toString(),
                  "-c",
                  CONFIG,
                  "--yaml=" + System.getProperty("parley.it.wildfly.yaml"),
                  "-Djboss.server.base.dir=" + base,
                  "-b",
                  "127.0.0.1",
                  "-bmanagement",
                  "127.0.0.1",
                  "-Djboss.http.port=" + http));
      for (String socket :
          List.of(
              "jboss.https.port", "jboss.management.http.port", "jboss.management.https.port")) {
        command.add("-D" + socket + "=" + freePort());
      }
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(Files.createDirectories(workDir).toFile());
      environment.accept(builder.environment());
      // the script then passes a stop signal on to the server
      builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
      Path log = workDir.resolve("console.log");
      builder.redirectErrorStream(true).redirectOutput(log.toFile());
      return new WildFlyProcess(builder.start(), log, http, deployments);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Like an operator: {@code bin/jboss-cli.sh --file=...}, for this server base directory. */
  private static void runCli(Path home, Path base, Path script, Path workDir) throws IOException {
    Path log = workDir.resolve("cli.log");
    Process cli =
        new ProcessBuilder(
                home.resolve("bin/jboss-cli.sh").toString(),
                "-Djboss.server.base.dir=" + base,
                "--file=" + script)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (!cli.waitFor(CLI_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        cli.destroyForcibly().waitFor();
        throw new AssertionError(script + " took longer than " + CLI_TIMEOUT);
      }
    } catch (InterruptedException e) {
      cli.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (cli.exitValue() != 0) {
      throw new AssertionError(script + " failed; output:\n" + Files.readString(log));
    }
  }

  /**
   * Waits for the scanner's marker file of {@code ROOT.war}: true for {@code .deployed}, false for
   * {@code .failed}.
   */
  boolean awaitDeployment() {
    long deadline = System.nanoTime() + DEPLOY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(deployments.resolve("ROOT.war.deployed"))) {
        return true;
      }
      if (Files.exists(deployments.resolve("ROOT.war.failed"))) {
        return false;
      }
      if (!isAlive()) {
        throw new AssertionError("WildFly exited; log:\n" + logTail());
      }
      Chats.sleep(250);
    }
    throw new AssertionError("ROOT.war not deployed in " + DEPLOY_TIMEOUT + "; log:\n" + logTail());
  }

  private String logTail() {
    List<String> lines = log().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 150), lines.size()));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
