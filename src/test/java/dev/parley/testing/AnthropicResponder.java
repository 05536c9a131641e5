package dev.parley.testing;

import static dev.parley.testing.ChatResponder.JSON;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Answers one {@code POST /v1/messages} of {@link FakeUpstream} in Anthropic's dialect according to
 * a {@link Script}: {@code message_start} (input tokens: the words of system and messages), a text
 * block with one {@code text_delta} per token (and a {@code ping} after the first), an optional
 * {@code tool_use} block, {@code message_delta} (stop reason, output tokens), {@code message_stop}.
 * A failing script answers with its status and body (e.g. 529 and an {@code overloaded_error});
 * {@link Script#thenErrorEvent} sends {@code event: error} after the tokens; a hanging stream sends
 * {@code ping} events every 200 ms. Only streaming requests are answered (Parley always streams).
 */
final class AnthropicResponder {

  private final HttpExchange exchange;
  private final RecordedRequest request;
  private final Script script;
  private final BooleanSupplier closing;

  AnthropicResponder(
      HttpExchange exchange, RecordedRequest request, Script script, BooleanSupplier closing) {
    this.exchange = exchange;
    this.request = request;
    this.script = script;
    this.closing = closing;
  }

  void respond() throws IOException {
    ChatResponder.pause(script.initialDelay());
    if (script.fails()) {
      ChatResponder.send(exchange, script.failStatus(), script.failBody());
      return;
    }
    if (!request.json().getBoolean("stream", false)) {
      ChatResponder.send(exchange, 400, error("invalid_request_error", "the fake streams only"));
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    try {
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      event(
          out,
          "message_start",
          JSON.createObjectBuilder()
              .add("type", "message_start")
              .add(
                  "message",
                  JSON.createObjectBuilder()
                      .add("id", "msg_fake")
                      .add("type", "message")
                      .add("role", "assistant")
                      .add("model", request.json().getString("model", "fake"))
                      .add("content", JSON.createArrayBuilder())
                      .add(
                          "usage",
                          JSON.createObjectBuilder()
                              .add("input_tokens", script.promptTokens(promptWords()))
                              .add("output_tokens", 1))));
      event(
          out,
          "content_block_start",
          JSON.createObjectBuilder()
              .add("type", "content_block_start")
              .add("index", 0)
              .add(
                  "content_block", JSON.createObjectBuilder().add("type", "text").add("text", "")));
      List<String> tokens = script.tokenList();
      for (int i = 0; i <= tokens.size(); i++) {
        if (i == script.dropIndex()) {
          ChatResponder.pause(Math.max(script.gap(), ChatResponder.DROP_GRACE_MILLIS));
          throw new ChatResponder.AbortConnection();
        }
        if (i == script.hangIndex()) {
          hang(out);
        }
        if (i < tokens.size()) {
          ChatResponder.pause(script.gap());
          event(
              out,
              "content_block_delta",
              JSON.createObjectBuilder()
                  .add("type", "content_block_delta")
                  .add("index", 0)
                  .add(
                      "delta",
                      JSON.createObjectBuilder()
                          .add("type", "text_delta")
                          .add("text", tokens.get(i))));
          request.tokenSent();
          if (i == 0) {
            event(out, "ping", JSON.createObjectBuilder().add("type", "ping"));
          }
        }
      }
      if (script.garbage() != null) {
        ChatResponder.write(out, script.garbage());
        out.close();
        return;
      }
      if (script.errorEvent() != null) {
        ChatResponder.write(
            out,
            ("event: error\ndata: "
                    + error(script.errorEvent(), "scripted " + script.errorEvent())
                    + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.close();
        return;
      }
      event(
          out,
          "content_block_stop",
          JSON.createObjectBuilder().add("type", "content_block_stop").add("index", 0));
      if (script.toolCall() != null) {
        toolUse(out, script.toolCall());
      }
      JsonObjectBuilder delta =
          JSON.createObjectBuilder().add("stop_reason", stopReason()).addNull("stop_sequence");
      JsonObjectBuilder messageDelta =
          JSON.createObjectBuilder().add("type", "message_delta").add("delta", delta);
      if (!script.usageDisabled()) {
        messageDelta.add(
            "usage", JSON.createObjectBuilder().add("output_tokens", script.completionTokens()));
      }
      event(out, "message_delta", messageDelta);
      event(out, "message_stop", JSON.createObjectBuilder().add("type", "message_stop"));
      request.markCompleted();
      out.close();
    } catch (IOException e) {
      request.markDisconnected();
      throw e;
    }
  }

  private void toolUse(OutputStream out, Script.ToolCall call) throws IOException {
    event(
        out,
        "content_block_start",
        JSON.createObjectBuilder()
            .add("type", "content_block_start")
            .add("index", 1)
            .add(
                "content_block",
                JSON.createObjectBuilder()
                    .add("type", "tool_use")
                    .add("id", call.id())
                    .add("name", call.name())
                    .add("input", JSON.createObjectBuilder())));
    int half = call.arguments().length() / 2;
    for (String part :
        List.of(call.arguments().substring(0, half), call.arguments().substring(half))) {
      event(
          out,
          "content_block_delta",
          JSON.createObjectBuilder()
              .add("type", "content_block_delta")
              .add("index", 1)
              .add(
                  "delta",
                  JSON.createObjectBuilder()
                      .add("type", "input_json_delta")
                      .add("partial_json", part)));
    }
    event(
        out,
        "content_block_stop",
        JSON.createObjectBuilder().add("type", "content_block_stop").add("index", 1));
  }

  private String stopReason() {
    return switch (script.finish()) {
      case "length" -> "max_tokens";
      case "tool_calls" -> "tool_use";
      default -> "end_turn";
    };
  }

  /** Pings until a write fails (client gone) or the upstream closes. */
  private void hang(OutputStream out) throws IOException {
    while (!closing.getAsBoolean()) {
      ChatResponder.pause(ChatResponder.KEEP_ALIVE_MILLIS);
      event(out, "ping", JSON.createObjectBuilder().add("type", "ping"));
    }
    throw new ChatResponder.AbortConnection();
  }

  private int promptWords() {
    int words = 0;
    if (request.json().get("system") instanceof JsonString system) {
      words += ChatResponder.wordCount(system.getString());
    }
    return words + ChatResponder.promptWords(request.json());
  }

  static String error(String type, String message) {
    return JSON.createObjectBuilder()
        .add("type", "error")
        .add("error", JSON.createObjectBuilder().add("type", type).add("message", message))
        .build()
        .toString();
  }

  private static void event(OutputStream out, String name, JsonObjectBuilder data)
      throws IOException {
    JsonObject json = data.build();
    ChatResponder.write(
        out, ("event: " + name + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
  }
}
