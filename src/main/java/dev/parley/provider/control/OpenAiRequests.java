package dev.parley.provider.control;

import dev.parley.platform.json.JsonText;
import dev.parley.provider.entity.CompletionRequest;
import dev.parley.provider.entity.PromptMessage;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Map;

/** Request bodies in OpenAI's Chat Completions dialect. */
final class OpenAiRequests {

  private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

  private OpenAiRequests() {}

  static String body(CompletionRequest request, String upstreamId) {
    return request.openAi() != null
        ? passThrough(request.openAi(), upstreamId)
        : chat(request, upstreamId);
  }

  /**
   * A chat turn's body, written directly (it is built on every turn); usage is requested so Parley
   * can account real token counts.
   */
  static String chat(CompletionRequest request, String upstreamId) {
    StringBuilder json = new StringBuilder(256);
    json.append("{\"model\":").append(JsonText.quote(upstreamId)).append(",\"messages\":[");
    boolean first = true;
    for (PromptMessage message : request.messages()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      json.append("{\"role\":")
          .append(JsonText.quote(message.role()))
          .append(",\"content\":")
          .append(JsonText.quote(message.content()))
          .append('}');
    }
    json.append("],\"temperature\":").append(request.temperature());
    if (request.maxTokens() != null) {
      json.append(",\"max_tokens\":").append(request.maxTokens());
    }
    return json.append(",\"stream\":true,\"stream_options\":{\"include_usage\":true}}").toString();
  }

  /**
   * A client's own request (the OpenAI-compatible door), passed on as it is (tools, tool calls,
   * image parts and fields Parley does not know included) with three changes: the upstream model
   * id, {@code stream: true} (Parley always streams from the provider) and {@code
   * stream_options.include_usage} (for accounting; the client gets usage only if it asked).
   */
  static String passThrough(JsonObject request, String upstreamId) {
    JsonObjectBuilder body = JSON.createObjectBuilder();
    request.forEach(
        (key, value) -> {
          if (!"model".equals(key) && !"stream".equals(key) && !"stream_options".equals(key)) {
            body.add(key, value);
          }
        });
    JsonObjectBuilder options = JSON.createObjectBuilder();
    if (request.get("stream_options") instanceof JsonObject given) {
      given.forEach(options::add);
    }
    options.add("include_usage", JsonValue.TRUE);
    return body.add("model", upstreamId)
        .add("stream", JsonValue.TRUE)
        .add("stream_options", options)
        .build()
        .toString();
  }
}
