package dev.parley.chat.streaming;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The client's side of a reply: token events as plain {@code data:} lines with an {@code id:} (a
 * {@link ReplyEventId}: clients that read only {@code data:} lines are unaffected; a token with
 * line breaks becomes several {@code data:} lines, which the runtime writes per the SSE spec), a
 * named {@code error} event, the closing {@code data: [DONE]}, and comment heartbeats. Sends are
 * serialized (tokens and heartbeats come from different threads) and report whether the client is
 * still there.
 */
public final class SseChannel {

  static final String DONE = "[DONE]";
  private static final Pattern CARRIAGE_RETURN = Pattern.compile("\r\n?");

  private final SseEventSink sink;
  private final Sse sse;
  private volatile boolean gone;

  public SseChannel(SseEventSink sink, Sse sse) {
    this.sink = sink;
    this.sse = sse;
  }

  /** A token event; {@code id} names the reply and the offset after this text. */
  public boolean token(String text, String id) {
    return send(
        sse.newEventBuilder()
            .id(id)
            .mediaType(MediaType.TEXT_PLAIN_TYPE)
            .data(String.class, normalize(text))
            .build());
  }

  /** A plain {@code data:} event without id (the OpenAI-compatible door's chunks). */
  public boolean data(String text) {
    return send(sse.newEvent(normalize(text)));
  }

  public boolean error(String errorJson) {
    return send(
        sse.newEventBuilder()
            .name("error")
            .mediaType(MediaType.TEXT_PLAIN_TYPE)
            .data(String.class, errorJson)
            .build());
  }

  public boolean done() {
    return send(sse.newEvent(DONE));
  }

  public boolean heartbeat() {
    return send(sse.newEventBuilder().comment("keep-alive").build());
  }

  public boolean isGone() {
    return gone || sink.isClosed();
  }

  public void close() {
    try {
      sink.close();
    } catch (RuntimeException ignored) {
      // the client may already be gone
    }
  }

  private synchronized boolean send(OutboundSseEvent event) {
    if (isGone()) {
      gone = true;
      return false;
    }
    try {
      CompletableFuture<?> sent = sink.send(event).toCompletableFuture();
      if (sent.isDone()) { // Jersey (Payara) writes at once
        if (sent.isCompletedExceptionally()) {
          gone = true;
        }
      } else { // RESTEasy (WildFly) may complete the write later: the failure shows next time
        sent.whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                gone = true;
              }
            });
      }
    } catch (RuntimeException e) {
      gone = true;
    }
    return !gone;
  }

  /**
   * SSE ends lines at CR, LF or CRLF; the runtime splits data only at LF, so CRs become LFs first.
   */
  static String normalize(String text) {
    return text.indexOf('\r') < 0 ? text : CARRIAGE_RETURN.matcher(text).replaceAll("\n");
  }
}
