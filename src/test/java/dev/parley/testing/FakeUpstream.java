package dev.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A controllable fake of an OpenAI-compatible provider ({@link #start}) or of Anthropic's Messages
 * API ({@link #startAnthropic}: {@code POST /v1/messages}, answered by {@link AnthropicResponder}
 * with the same scripts), served by the JDK HTTP server on 127.0.0.1.
 *
 * <p>{@code POST /v1/chat/completions} answers with the {@link Script} of the first rule (see
 * {@link #when}) whose needle occurs in the raw request body, or else echoes the last user message:
 * {@code "Echo: "} followed by its words, one token each. {@code GET /v1/models} lists a few fixed
 * models. Every chat completion request is recorded, see {@link #requests()}.
 *
 * <p>What a client sees when a script breaks the response:
 *
 * <ul>
 *   <li>{@link Script#dropAfter}: the socket is closed after the last token chunk, so the chunked
 *       HTTP body ends without its terminating zero-length chunk; {@code java.net.http.HttpClient}
 *       reports an {@link IOException} ("EOF reached while reading" or similar) when reading past
 *       the tokens. A non-streaming request sees the connection close before any response.
 *   <li>{@link Script#hangAfter}: after the tokens the stream stays open and carries an SSE comment
 *       line {@code ": keep-alive"} every 200 ms, which SSE parsers must ignore. The writes exist
 *       so that a client hanging up is noticed (a write to a closed socket fails) and reported by
 *       {@link RecordedRequest#clientDisconnected()}.
 * </ul>
 */
public final class FakeUpstream implements AutoCloseable {

  private static final String CHAT_PATH = "/v1/chat/completions";
  private static final String MESSAGES_PATH = "/v1/messages";
  private static final String MODELS_PATH = "/v1/models";
  private static final List<String> MODELS = List.of("gpt-4", "gpt-4o-mini", "gpt-3.5-turbo");

  private final HttpServer server;
  private final ExecutorService executor;
  private final boolean anthropic;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<RecordedRequest> log = new ConcurrentLinkedQueue<>();
  private final Object arrivals = new Object();
  private final AtomicInteger openStreams = new AtomicInteger();
  private final AtomicInteger maxConcurrentStreams = new AtomicInteger();
  private volatile boolean closing;

  private FakeUpstream(HttpServer server, ExecutorService executor, boolean anthropic) {
    this.server = server;
    this.executor = executor;
    this.anthropic = anthropic;
  }

  /** Starts a fake OpenAI-compatible upstream on 127.0.0.1 and the port (0 picks a free one). */
  public static FakeUpstream start(int port) {
    return start(port, false);
  }

  /** Starts a fake Anthropic Messages API on 127.0.0.1 and the port (0 picks a free one). */
  public static FakeUpstream startAnthropic(int port) {
    return start(port, true);
  }

  private static FakeUpstream start(int port, boolean anthropic) {
    // TCP_NODELAY, as real providers' front ends: otherwise small trailing writes wait ~40 ms for a
    // delayed ACK
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server;
    try {
      server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
    }
    ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
    FakeUpstream upstream = new FakeUpstream(server, executor, anthropic);
    server.setExecutor(executor);
    server.createContext("/", upstream::handle);
    server.start();
    return upstream;
  }

  /** The port the upstream listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The base URL: {@code http://127.0.0.1:<port>/v1} (OpenAI), {@code http://127.0.0.1:<port>}
   * (Anthropic).
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + (anthropic ? "" : "/v1");
  }

  /**
   * Answers requests whose raw body contains {@code needle} with {@code script}. The most recently
   * added matching rule wins: a follow-up turn carries the whole conversation, so its body also
   * contains the needles of earlier turns. An empty needle matches every request.
   */
  public FakeUpstream when(String needle, Script script) {
    rules.add(new Rule(needle, script));
    return this;
  }

  /** Forgets all rules and recorded requests, and restarts the concurrency high-water mark. */
  public void reset() {
    rules.clear();
    log.clear();
    maxConcurrentStreams.set(openStreams.get());
  }

  /** All recorded chat completion requests, in arrival order. */
  public List<RecordedRequest> requests() {
    return new ArrayList<>(log);
  }

  /** The recorded requests whose raw body contains {@code needle}, in arrival order. */
  public List<RecordedRequest> requestsContaining(String needle) {
    return log.stream().filter(r -> r.body().contains(needle)).collect(Collectors.toList());
  }

  /** The latest recorded request whose raw body contains {@code needle}. */
  public Optional<RecordedRequest> lastRequestContaining(String needle) {
    List<RecordedRequest> matching = requestsContaining(needle);
    return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
  }

  /**
   * The first recorded request whose raw body contains {@code needle}, waiting for it to arrive.
   *
   * @throws AssertionError if no such request arrived within the timeout
   */
  public RecordedRequest awaitRequestContaining(String needle, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (arrivals) {
      while (true) {
        for (RecordedRequest request : log) {
          if (request.body().contains(needle)) {
            return request;
          }
        }
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMillis <= 0) {
          throw new AssertionError(
              "no upstream request containing '"
                  + needle
                  + "' within "
                  + timeout
                  + "; received: "
                  + requests());
        }
        try {
          arrivals.wait(remainingMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for an upstream request", e);
        }
      }
    }
  }

  /** Streaming requests being answered right now. */
  public int openStreams() {
    return openStreams.get();
  }

  /**
   * Waits until exactly {@code expected} streams are open: a client sees {@code [DONE]} slightly
   * before the server's handler has returned.
   */
  public boolean awaitOpenStreams(int expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (openStreams.get() != expected) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  /** The most streaming requests answered at the same time since start or {@link #reset()}. */
  public int maxConcurrentStreams() {
    return maxConcurrentStreams.get();
  }

  /** Stops the server at once, breaking any stream still open. */
  @Override
  public void close() {
    closing = true;
    server.stop(0);
    executor.shutdownNow();
  }

  // No try-with-resources: closing the exchange after an abort would end the chunked body cleanly.
  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if ((anthropic ? MESSAGES_PATH : CHAT_PATH).equals(path) && "POST".equals(method)) {
      chatCompletion(exchange);
    } else if (MODELS_PATH.equals(path) && "GET".equals(method)) {
      ChatResponder.send(exchange, 200, models());
    } else {
      ChatResponder.send(exchange, 404, error("no route for " + method + " " + path));
    }
  }

  private void chatCompletion(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    JsonObject json = parseObject(body);
    RecordedRequest request =
        new RecordedRequest(
            exchange.getRequestURI().getPath(),
            body,
            json == null ? JsonValue.EMPTY_JSON_OBJECT : json,
            exchange.getRequestHeaders(),
            Instant.now());
    synchronized (arrivals) {
      log.add(request);
      arrivals.notifyAll();
    }
    if (json == null) {
      ChatResponder.send(exchange, 400, error("request body is not a JSON object"));
      return;
    }
    Script script = scriptFor(body, json);
    boolean stream = json.getBoolean("stream", false);
    if (!stream) {
      respond(exchange, request, script, false);
      return;
    }
    int open = openStreams.incrementAndGet();
    maxConcurrentStreams.accumulateAndGet(open, Math::max);
    try {
      respond(exchange, request, script, true);
    } finally {
      openStreams.decrementAndGet();
    }
  }

  private void respond(
      HttpExchange exchange, RecordedRequest request, Script script, boolean stream)
      throws IOException {
    if (anthropic) {
      new AnthropicResponder(exchange, request, script, () -> closing).respond();
    } else {
      new ChatResponder(exchange, request, script, () -> closing).respond(stream);
    }
  }

  private Script scriptFor(String body, JsonObject json) {
    for (int i = rules.size() - 1; i >= 0; i--) {
      Rule rule = rules.get(i);
      if (body.contains(rule.needle)) {
        return rule.script;
      }
    }
    return echo(ChatResponder.lastUserMessage(json));
  }

  private static Script echo(String message) {
    List<String> tokens = new ArrayList<>();
    tokens.add("Echo: ");
    String trimmed = message.strip();
    if (!trimmed.isEmpty()) {
      String[] words = trimmed.split("\\s+");
      for (int i = 0; i < words.length; i++) {
        tokens.add(i == 0 ? words[i] : " " + words[i]);
      }
    }
    return Script.tokens(tokens.toArray(new String[0]));
  }

  private static JsonObject parseObject(String body) {
    try (JsonReader reader = ChatResponder.PROVIDER.createReader(new StringReader(body))) {
      JsonStructure structure = reader.read();
      return structure instanceof JsonObject ? (JsonObject) structure : null;
    } catch (JsonException e) {
      return null;
    }
  }

  private static String models() {
    JsonArrayBuilder data = ChatResponder.JSON.createArrayBuilder();
    for (String id : MODELS) {
      data.add(
          ChatResponder.JSON
              .createObjectBuilder()
              .add("id", id)
              .add("object", "model")
              .add("owned_by", "fake-upstream"));
    }
    return ChatResponder.JSON
        .createObjectBuilder()
        .add("object", "list")
        .add("data", data)
        .build()
        .toString();
  }

  private static String error(String message) {
    return ChatResponder.JSON
        .createObjectBuilder()
        .add(
            "error",
            ChatResponder.JSON
                .createObjectBuilder()
                .add("message", message)
                .add("type", "invalid_request_error"))
        .build()
        .toString();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "fake-upstream-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private record Rule(String needle, Script script) {}
}
