package dev.parley.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a Server-Sent Events response as it arrives, recording each event (and comment) with its
 * arrival time, and can hang up mid-stream like a client that goes away.
 */
public final class SseClient implements AutoCloseable {

  /**
   * One event: its name (null for plain data events), its data lines joined by LF, or a comment;
   * and its {@code id:} (null without one).
   */
  public record Event(String name, String data, String comment, Instant at, String id) {
    public boolean isComment() {
      return comment != null;
    }
  }

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final List<String> rawLines = new ArrayList<>();
  private final Thread reader;
  private volatile boolean ended;

  private SseClient(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new Thread(this::read, "sse-test-reader");
    reader.setDaemon(true);
    reader.start();
  }

  public static SseClient post(String path, String token, String json) {
    return post(path, token, java.util.Map.of(), json);
  }

  /** A POST with extra request headers. */
  public static SseClient post(
      String path, String token, java.util.Map<String, String> headers, String json) {
    HttpRequest.Builder builder =
        Api.request(path, token)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json");
    headers.forEach(builder::header);
    HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(json)).build();
    try {
      return new SseClient(Api.client().send(request, HttpResponse.BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Opens {@code GET path} as an event stream, with {@code headers} as name-value pairs. */
  public static SseClient get(String path, String token, String... headers) {
    HttpRequest.Builder request =
        Api.request(path, token)
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "text/event-stream");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return new SseClient(
          Api.client().send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether the stream ended (the server closed it, or we did). */
  public boolean ended() {
    return ended;
  }

  public int status() {
    return response.statusCode();
  }

  public String header(String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  /** The next event that is not a comment, or fails after the timeout. */
  public Event next(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Event event = poll(deadline);
      if (!event.isComment()) {
        return event;
      }
    }
  }

  /** The next event or comment. */
  public Event nextAny(Duration timeout) {
    return poll(System.nanoTime() + timeout.toNanos());
  }

  /** Every remaining non-comment event until the stream ends. */
  public List<Event> rest(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Event> all = new ArrayList<>();
    while (true) {
      Event event;
      try {
        event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (event == null) {
        if (ended) {
          return all;
        }
        throw new AssertionError("stream did not end in time; got " + all);
      }
      if (event.name() != null && event.name().equals("__end__")) {
        return all;
      }
      if (!event.isComment()) {
        all.add(event);
      }
    }
  }

  public synchronized List<String> rawLines() {
    return List.copyOf(rawLines);
  }

  /** The whole body as text, for non-streaming (error) responses. */
  public String bodyText() {
    rest(Duration.ofSeconds(10));
    return String.join("\n", rawLines());
  }

  private Event poll(long deadline) {
    try {
      Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (event == null || "__end__".equals(event.name())) {
        throw new AssertionError("no event in time; lines so far: " + rawLines());
      }
      return event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String name = null;
      String id = null;
      StringBuilder data = null;
      String line;
      while ((line = lines.readLine()) != null) {
        synchronized (this) {
          rawLines.add(line);
        }
        if (line.isEmpty()) {
          if (data != null) {
            events.add(new Event(name, data.toString(), null, Instant.now(), id));
          }
          name = null;
          id = null;
          data = null;
        } else if (line.startsWith(":")) {
          events.add(new Event(null, null, line.substring(1).trim(), Instant.now(), null));
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          String value = line.substring(5);
          value = value.startsWith(" ") ? value.substring(1) : value;
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
      }
    } catch (IOException e) {
      // the connection was closed, by us or by the server
    } finally {
      ended = true;
      events.add(new Event("__end__", null, null, Instant.now(), null));
    }
  }

  /** Hangs up: closes the connection mid-stream. */
  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
