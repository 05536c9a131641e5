package dev.parley.chat.control;

import dev.parley.chat.entity.ChatMessage;
import dev.parley.platform.errors.BadRequest;
import dev.parley.platform.json.JsonBodies;
import dev.parley.provider.entity.CompletionChunk;
import dev.parley.provider.entity.Usage;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Chat's SSE events of a session turn, rewritten for the OpenAI-compatible door: each token event
 * becomes a {@code chat.completion.chunk}, the {@code error} event OpenAI's {@code error} object,
 * and {@code [DONE]} is preceded by the finish chunk (and the usage chunk when asked for) of the
 * reply chat has just stored. Heartbeat comments pass unchanged. The turn itself (storing,
 * checkpoints, limits) is chat's, untouched.
 */
final class DoorEventSink implements SseEventSink {

  private static final String DONE = "[DONE]";

  private final SseEventSink sink;
  private final Sse sse;
  private final DoorWire wire;
  private final Supplier<String> model;
  private final Supplier<Optional<ChatMessage>> stored;
  private final boolean includeUsage;
  private boolean failed;

  DoorEventSink(
      SseEventSink sink,
      Sse sse,
      DoorWire wire,
      Supplier<String> model,
      Supplier<Optional<ChatMessage>> stored,
      boolean includeUsage) {
    this.sink = sink;
    this.sse = sse;
    this.wire = wire;
    this.model = model;
    this.stored = stored;
    this.includeUsage = includeUsage;
  }

  @Override
  public synchronized CompletionStage<?> send(OutboundSseEvent event) {
    Object data = event.getData();
    if (data == null) {
      return sink.send(event); // a heartbeat comment
    }
    String text = data.toString();
    if ("error".equals(event.getName())) {
      failed = true;
      return sink.send(
          sse.newEventBuilder()
              .name("error")
              .mediaType(MediaType.TEXT_PLAIN_TYPE)
              .data(String.class, DoorWire.error(detail(text), 502))
              .build());
    }
    if (DONE.equals(text)) {
      if (!failed) {
        Optional<ChatMessage> reply = stored.get();
        String finishReason =
            reply.map(ChatMessage::finishReason).filter(r -> !r.isBlank()).orElse("stop");
        sink.send(sse.newEvent(wire.finish(model.get(), finishReason)));
        if (includeUsage && reply.isPresent()) {
          ChatMessage message = reply.get();
          sink.send(
              sse.newEvent(
                  wire.usage(
                      model.get(),
                      new Usage(
                          zeroIfNull(message.promptTokens()),
                          zeroIfNull(message.completionTokens())))));
        }
      }
      return sink.send(event);
    }
    return sink.send(sse.newEvent(wire.delta(model.get(), new CompletionChunk(text, null, null))));
  }

  @Override
  public boolean isClosed() {
    return sink.isClosed();
  }

  @Override
  public void close() {
    sink.close();
  }

  private static int zeroIfNull(Integer value) {
    return value == null ? 0 : value;
  }

  /** The detail of chat's {@code {"detail": "..."}} error event. */
  private static String detail(String json) {
    try {
      JsonValue value = JsonBodies.parse(json.getBytes(StandardCharsets.UTF_8));
      if (value instanceof JsonObject object && object.get("detail") instanceof JsonString s) {
        return s.getString();
      }
    } catch (BadRequest unreadable) {
      // fall through
    }
    return json;
  }
}
