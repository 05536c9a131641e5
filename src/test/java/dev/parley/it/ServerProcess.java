package dev.parley.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An application server process of a test's own, serving Parley at {@code /} on a loopback port,
 * with its console output in a log file. Closing it stops the process and whatever it started.
 */
abstract class ServerProcess implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final int port;

  ServerProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  URL url() {
    try {
      return new URL("http://127.0.0.1:" + port + "/");
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Like an orchestrator stopping the container: SIGTERM; returns at once. */
  void terminate() {
    process.destroy();
  }

  boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Like a crash: SIGKILL, no shutdown hooks, nothing flushed. */
  void kill() {
    List<ProcessHandle> children = process.descendants().toList();
    children.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    waitForExit(children);
  }

  /** Stops the server gracefully (a launcher script forwards the signal to its server). */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    waitForExit(children);
  }

  private void waitForExit(List<ProcessHandle> children) {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      for (ProcessHandle child : children) {
        try {
          child.onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
          child.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
