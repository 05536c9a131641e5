package dev.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonArray;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Answers one chat completion request of {@link FakeUpstream} according to a {@link Script}. */
final class ChatResponder {

  // Json.createXxx() looks the provider up on every call; thousands of streams should not.
  static final JsonProvider PROVIDER = JsonProvider.provider();
  static final JsonBuilderFactory JSON = PROVIDER.createBuilderFactory(Map.of());
  static final long KEEP_ALIVE_MILLIS = 200;

  /**
   * Least pause between the last token and a drop. The JDK HttpClient's {@code ofInputStream} and
   * {@code ofLines} throw as soon as the connection error arrives, discarding data received but not
   * yet read, so an immediate drop would race the client's reader for the tokens.
   */
  static final long DROP_GRACE_MILLIS = 100;

  private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

  private final HttpExchange exchange;
  private final RecordedRequest request;
  private final Script script;
  private final BooleanSupplier closing;
  private final String model;
  private final long created = Instant.now().getEpochSecond();

  ChatResponder(
      HttpExchange exchange, RecordedRequest request, Script script, BooleanSupplier closing) {
    this.exchange = exchange;
    this.request = request;
    this.script = script;
    this.closing = closing;
    this.model = request.json().getString("model", "fake-model");
  }

  void respond(boolean stream) throws IOException {
    pause(script.initialDelay());
    if (script.fails()) {
      send(exchange, script.failStatus(), script.failBody());
    } else if (stream) {
      stream();
    } else {
      complete();
    }
  }

  /** Sends a JSON body with a fixed length and closes the exchange. */
  static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void stream() throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    try {
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      List<String> tokens = script.tokenList();
      for (int i = 0; i <= tokens.size(); i++) {
        if (i == script.dropIndex()) {
          pause(Math.max(script.gap(), DROP_GRACE_MILLIS));
          throw new AbortConnection();
        }
        if (i == script.hangIndex()) {
          hang(out);
        }
        if (i < tokens.size()) {
          pause(script.gap());
          event(out, chunk(delta(i, tokens.get(i)), JsonValue.NULL));
          request.tokenSent();
        }
      }
      if (script.garbage() != null || script.endlessGarbage()) {
        garbage(out);
        return;
      }
      if (script.errorEvent() != null) {
        event(
            out,
            JSON.createObjectBuilder()
                .add(
                    "error",
                    JSON.createObjectBuilder()
                        .add("message", "scripted " + script.errorEvent())
                        .add("type", script.errorEvent()))
                .build());
        out.close();
        return;
      }
      if (script.toolCall() != null) {
        Script.ToolCall call = script.toolCall();
        int half = call.arguments().length() / 2;
        event(
            out,
            chunk(
                JSON.createObjectBuilder()
                    .add(
                        "tool_calls",
                        JSON.createArrayBuilder()
                            .add(
                                JSON.createObjectBuilder()
                                    .add("index", 0)
                                    .add("id", call.id())
                                    .add("type", "function")
                                    .add(
                                        "function",
                                        JSON.createObjectBuilder()
                                            .add("name", call.name())
                                            .add(
                                                "arguments",
                                                call.arguments().substring(0, half))))),
                JsonValue.NULL));
        event(
            out,
            chunk(
                JSON.createObjectBuilder()
                    .add(
                        "tool_calls",
                        JSON.createArrayBuilder()
                            .add(
                                JSON.createObjectBuilder()
                                    .add("index", 0)
                                    .add(
                                        "function",
                                        JSON.createObjectBuilder()
                                            .add("arguments", call.arguments().substring(half))))),
                JsonValue.NULL));
      }
      event(out, chunk(JSON.createObjectBuilder(), PROVIDER.createValue(script.finish())));
      if (includeUsage() && !script.usageDisabled()) {
        event(out, usageChunk());
      }
      write(out, "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
      request.markCompleted();
      out.close();
    } catch (IOException e) {
      request.markDisconnected();
      throw e;
    }
  }

  /** The script's raw bytes, or an endless line until the client disconnects (bounded: 64 MB). */
  private void garbage(OutputStream out) throws IOException {
    if (script.garbage() != null) {
      write(out, script.garbage());
      out.close();
      return;
    }
    byte[] line = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 1024 && !closing.getAsBoolean(); i++) {
      write(out, line);
    }
    out.close();
  }

  private void complete() throws IOException {
    if (script.dropIndex() != Script.UNSET) {
      throw new AbortConnection();
    }
    if (script.hangIndex() != Script.UNSET) {
      // Without response headers there is nothing to write, so a client hanging up goes unnoticed.
      while (!closing.getAsBoolean()) {
        pause(KEEP_ALIVE_MILLIS);
      }
      throw new AbortConnection();
    }
    JsonObjectBuilder message =
        JSON.createObjectBuilder().add("role", "assistant").add("content", script.text());
    JsonObjectBuilder completion =
        JSON.createObjectBuilder()
            .add("id", "chatcmpl-fake")
            .add("object", "chat.completion")
            .add("created", created)
            .add("model", model)
            .add(
                "choices",
                JSON.createArrayBuilder()
                    .add(
                        JSON.createObjectBuilder()
                            .add("index", 0)
                            .add("message", message)
                            .add("finish_reason", script.finish())));
    if (!script.usageDisabled()) {
      completion.add("usage", usage());
    }
    // recorded before sending: a client reading the response must already see it complete
    request.tokensSent(script.tokenList().size());
    request.markCompleted();
    try {
      send(exchange, 200, completion.build().toString());
    } catch (IOException e) {
      request.markDisconnected();
      throw e;
    }
  }

  /** Writes keep-alive comments until a write fails (client gone) or the upstream closes. */
  private void hang(OutputStream out) throws IOException {
    while (!closing.getAsBoolean()) {
      pause(KEEP_ALIVE_MILLIS);
      write(out, KEEP_ALIVE);
    }
    throw new AbortConnection();
  }

  private JsonObjectBuilder delta(int index, String token) {
    JsonObjectBuilder delta = JSON.createObjectBuilder();
    if (index == 0) {
      delta.add("role", "assistant");
    }
    return delta.add("content", token);
  }

  private JsonObject chunk(JsonObjectBuilder delta, JsonValue finishReason) {
    return chunkBase()
        .add(
            "choices",
            JSON.createArrayBuilder()
                .add(
                    JSON.createObjectBuilder()
                        .add("index", 0)
                        .add("delta", delta)
                        .add("finish_reason", finishReason)))
        .build();
  }

  private JsonObject usageChunk() {
    return chunkBase().add("choices", JsonValue.EMPTY_JSON_ARRAY).add("usage", usage()).build();
  }

  private JsonObjectBuilder chunkBase() {
    return JSON.createObjectBuilder()
        .add("id", "chatcmpl-fake")
        .add("object", "chat.completion.chunk")
        .add("created", created)
        .add("model", model);
  }

  private JsonObjectBuilder usage() {
    int prompt = script.promptTokens(promptWords(request.json()));
    int completion = script.completionTokens();
    return JSON.createObjectBuilder()
        .add("prompt_tokens", prompt)
        .add("completion_tokens", completion)
        .add("total_tokens", prompt + completion);
  }

  private boolean includeUsage() {
    JsonValue options = request.json().get("stream_options");
    return options instanceof JsonObject
        && ((JsonObject) options).getBoolean("include_usage", false);
  }

  static void event(OutputStream out, JsonObject data) throws IOException {
    write(out, ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
  }

  static void write(OutputStream out, byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  static void pause(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      // The upstream is shutting down its executor.
      Thread.currentThread().interrupt();
      throw new AbortConnection();
    }
  }

  /** Number of whitespace-separated words in the contents of all messages. */
  static int promptWords(JsonObject request) {
    int words = 0;
    for (JsonValue message : messages(request)) {
      words += wordCount(content(message));
    }
    return words;
  }

  /** The content of the last message with role "user", or "" if there is none. */
  static String lastUserMessage(JsonObject request) {
    String last = "";
    for (JsonValue message : messages(request)) {
      if (message instanceof JsonObject
          && "user".equals(((JsonObject) message).getString("role", ""))) {
        last = content(message);
      }
    }
    return last;
  }

  static int wordCount(String text) {
    String trimmed = text.strip();
    return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
  }

  static List<JsonValue> messages(JsonObject request) {
    JsonValue messages = request.get("messages");
    return messages instanceof JsonArray ? (JsonArray) messages : List.of();
  }

  /** The text of a message: a plain string, or the text parts of a multi-part content array. */
  static String content(JsonValue message) {
    if (!(message instanceof JsonObject)) {
      return "";
    }
    JsonValue content = ((JsonObject) message).get("content");
    if (content instanceof JsonString) {
      return ((JsonString) content).getString();
    }
    StringBuilder text = new StringBuilder();
    if (content instanceof JsonArray) {
      for (JsonValue part : (JsonArray) content) {
        if (part instanceof JsonObject) {
          text.append(' ').append(((JsonObject) part).getString("text", ""));
        }
      }
    }
    return text.toString();
  }

  /**
   * Thrown out of the handler to make the JDK server close the socket: it does so for any exception
   * escaping a handler, and then the chunked body never gets its terminating chunk.
   */
  static final class AbortConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AbortConnection() {
      super("connection aborted by script", null, false, false);
    }
  }
}
