package dev.parley.testing;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One chat completion request received by {@link FakeUpstream}, together with the live state of its
 * response: how many tokens were sent, and whether the client went away before the end.
 */
public final class RecordedRequest {

  private final String path;
  private final String body;
  private final JsonObject json;
  private final Map<String, String> headers;
  private final Instant receivedAt;
  private final AtomicInteger tokensSent = new AtomicInteger();
  private final CountDownLatch disconnect = new CountDownLatch(1);
  private volatile Instant disconnectedAt;
  private volatile boolean completed;

  RecordedRequest(
      String path,
      String body,
      JsonObject json,
      Map<String, List<String>> headers,
      Instant receivedAt) {
    this.path = path;
    this.body = body;
    this.json = json;
    this.receivedAt = receivedAt;
    Map<String, String> firstValues = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, values) -> {
          if (name != null && !values.isEmpty()) {
            firstValues.put(name, values.get(0));
          }
        });
    this.headers = firstValues;
  }

  /** The request path, e.g. {@code /v1/chat/completions}. */
  public String path() {
    return path;
  }

  /** The raw request body. */
  public String body() {
    return body;
  }

  /** The parsed request body; an empty object when the body was not a JSON object. */
  public JsonObject json() {
    return json;
  }

  /** The first value of a request header, matched case-insensitively, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** When the request body had been read. */
  public Instant receivedAt() {
    return receivedAt;
  }

  /** How many content tokens have been written to the client so far. */
  public int tokensSent() {
    return tokensSent.get();
  }

  /**
   * True when writing to the client failed before the response was complete. A client that hangs up
   * is only noticed at the next write: the next token or, while hanging, the next keep-alive
   * comment (at most 200 ms later, sometimes one more write because TCP accepts the first write
   * after the peer closed).
   */
  public boolean clientDisconnected() {
    return disconnectedAt != null;
  }

  /** Waits until {@link #clientDisconnected()}; false if that did not happen within timeout. */
  public boolean awaitClientDisconnect(Duration timeout) {
    try {
      return disconnect.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return clientDisconnected();
    }
  }

  /** When the disconnect was noticed, or null. */
  public Instant disconnectedAt() {
    return disconnectedAt;
  }

  /** True once the whole response was sent: {@code [DONE]} for a stream, the body otherwise. */
  public boolean completed() {
    return completed;
  }

  void tokenSent() {
    tokensSent.incrementAndGet();
  }

  void tokensSent(int count) {
    tokensSent.addAndGet(count);
  }

  void markDisconnected() {
    if (disconnectedAt == null) {
      disconnectedAt = Instant.now();
    }
    disconnect.countDown();
  }

  void markCompleted() {
    completed = true;
  }

  @Override
  public String toString() {
    String shown = body.length() > 200 ? body.substring(0, 200) + "..." : body;
    return "RecordedRequest[" + path + " " + shown + "]";
  }
}
