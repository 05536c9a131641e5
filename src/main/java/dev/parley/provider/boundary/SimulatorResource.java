package dev.parley.provider.boundary;

import dev.parley.platform.config.RuntimeMode;
import dev.parley.platform.errors.NotFound;
import dev.parley.platform.json.JsonText;
import dev.parley.provider.control.Simulator;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Development mode only: an OpenAI-compatible streaming Chat Completions endpoint served by Parley
 * itself, so that the real provider path (REST client, parsing, persistence) runs without a
 * provider. 404 otherwise.
 */
@Path("/simulator/v1/chat/completions")
@RequestScoped
public class SimulatorResource {

  @Inject
  @ConfigProperty(name = "parley.simulator.token-gap-ms")
  long gapMillis;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.SERVER_SENT_EVENTS)
  // development mode only, not part of the API
  /**
   * Streams through an {@code SseEventSink}, one event flushed per token as a provider does (a
   * {@code StreamingOutput} came out in one burst at the end: the development mode's replies did
   * not stream).
   */
  public void complete(JsonObject request, @Context SseEventSink sink, @Context Sse sse) {
    if (!RuntimeMode.fromSystem().simulator()) {
      throw new NotFound("not found");
    }
    String model = request.getString("model", "simulated");
    List<String> tokens = Simulator.reply(model, lastUserMessage(request), maxTokens(request));
    int promptTokens = promptWords(request);
    try (sink) {
      String prefix =
          "{\"id\":\"chatcmpl-sim\",\"object\":\"chat.completion.chunk\",\"model\":"
              + JsonText.quote(model);
      for (String token : tokens) {
        pause();
        if (!send(
            sink,
            sse,
            prefix
                + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
                + JsonText.quote(token)
                + "},\"finish_reason\":null}]}")) {
          return; // Parley closed the request: the reply was cancelled
        }
      }
      send(
          sink,
          sse,
          prefix + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
      send(
          sink,
          sse,
          prefix
              + ",\"choices\":[],\"usage\":{\"prompt_tokens\":"
              + promptTokens
              + ",\"completion_tokens\":"
              + tokens.size()
              + ",\"total_tokens\":"
              + (promptTokens + tokens.size())
              + "}}");
      send(sink, sse, "[DONE]");
    }
  }

  private static boolean send(SseEventSink sink, Sse sse, String data) {
    if (sink.isClosed()) {
      return false;
    }
    try {
      sink.send(sse.newEvent(data)).toCompletableFuture().join();
      return true;
    } catch (RuntimeException gone) {
      return false;
    }
  }

  private void pause() {
    try {
      Thread.sleep(gapMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String lastUserMessage(JsonObject request) {
    String last = null;
    for (JsonValue value : messages(request)) {
      if (value instanceof JsonObject message && "user".equals(message.getString("role", ""))) {
        last = message.getString("content", "");
      }
    }
    return last;
  }

  private static int promptWords(JsonObject request) {
    int words = 0;
    for (JsonValue value : messages(request)) {
      if (value instanceof JsonObject message) {
        String content = message.getString("content", "").strip();
        words += content.isEmpty() ? 0 : content.split("\\s+").length;
      }
    }
    return words;
  }

  private static JsonArray messages(JsonObject request) {
    JsonValue messages = request.get("messages");
    return messages instanceof JsonArray array ? array : JsonValue.EMPTY_JSON_ARRAY;
  }

  private static Integer maxTokens(JsonObject request) {
    JsonValue value = request.get("max_tokens");
    return value instanceof JsonNumber number ? number.intValue() : null;
  }
}
