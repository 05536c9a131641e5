package dev.parley.provider.control;

import dev.parley.provider.entity.CompletionChunk;
import dev.parley.provider.entity.Usage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Map;

/**
 * Parses the JSON of one OpenAI {@code chat.completion.chunk} (or a whole {@code chat.completion}).
 * Tolerant by design: a chunk without choices (the usage chunk), without {@code delta.content} or
 * with nulls is normal.
 */
public final class ChunkParser {

  // one factory for the whole JVM: Json.createReader per token does a ServiceLoader lookup each
  // time
  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  private ChunkParser() {}

  public static CompletionChunk parse(String json) {
    JsonObject object;
    try (JsonReader reader = READERS.createReader(new StringReader(json))) {
      object = reader.readObject();
    }
    String content = null;
    String finishReason = null;
    JsonValue choices = object.get("choices");
    if (choices instanceof JsonArray array
        && !array.isEmpty()
        && array.get(0) instanceof JsonObject first) {
      JsonValue holder = first.containsKey("delta") ? first.get("delta") : first.get("message");
      if (holder instanceof JsonObject delta) {
        content = string(delta.get("content"));
      }
      finishReason = string(first.get("finish_reason"));
    }
    return new CompletionChunk(content, finishReason, usage(object.get("usage")));
  }

  /** The error message inside an OpenAI-style error body, if any; never shown to users verbatim. */
  public static String errorMessage(String json) {
    try (JsonReader reader = READERS.createReader(new StringReader(json))) {
      JsonValue error = reader.readObject().get("error");
      if (error instanceof JsonObject object) {
        return string(object.get("message"));
      }
      return null;
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static Usage usage(JsonValue value) {
    if (value instanceof JsonObject usage) {
      return new Usage(
          integer(usage.get("prompt_tokens")), integer(usage.get("completion_tokens")));
    }
    return null;
  }

  private static String string(JsonValue value) {
    return value instanceof JsonString s ? s.getString() : null;
  }

  private static int integer(JsonValue value) {
    return value instanceof JsonNumber n ? n.intValue() : 0;
  }
}
