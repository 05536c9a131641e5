package dev.parley.provider.control;

import dev.parley.provider.entity.CompletionChunk;
import dev.parley.provider.entity.Usage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.Map;

/**
 * Parses the JSON of one OpenAI {@code chat.completion.chunk} (or a whole {@code chat.completion}).
 * Tolerant by design: a chunk without choices (the usage chunk), without {@code delta.content} or
 * with nulls is normal. Runs once per streamed token, so it walks the JSON with a streaming parser,
 * keeps only {@code choices[0].delta.content} (or {@code .message.content}), {@code
 * choices[0].finish_reason} and the usage counts, and skips everything else without building it.
 */
public final class ChunkParser {

  // one factory for the whole JVM: Json.createParser per token does a ServiceLoader lookup each
  // time
  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  private ChunkParser() {}

  public static CompletionChunk parse(String json) {
    try (JsonParser parser = PARSERS.createParser(new StringReader(json))) {
      if (parser.next() != Event.START_OBJECT) {
        throw new JsonParsingException("a chunk must be a JSON object", parser.getLocation());
      }
      Choice choice = null;
      Usage usage = null;
      while (parser.next() == Event.KEY_NAME) {
        String key = parser.getString();
        Event value = parser.next();
        if ("choices".equals(key) && value == Event.START_ARRAY) {
          choice = firstChoice(parser);
        } else if ("usage".equals(key) && value == Event.START_OBJECT) {
          usage = usage(parser);
        } else {
          skip(parser, value);
        }
      }
      return choice == null
          ? new CompletionChunk(null, null, usage)
          : new CompletionChunk(choice.content(), choice.finishReason(), usage);
    }
  }

  private record Choice(String content, String finishReason) {}

  /** Reads {@code choices} up to its end; only the first element counts. */
  private static Choice firstChoice(JsonParser parser) {
    Choice first = null;
    Event element;
    while ((element = parser.next()) != Event.END_ARRAY) {
      if (first == null && element == Event.START_OBJECT) {
        first = choice(parser);
      } else {
        skip(parser, element);
      }
    }
    return first;
  }

  private static Choice choice(JsonParser parser) {
    String deltaContent = null;
    String messageContent = null;
    boolean hasDelta = false;
    String finishReason = null;
    while (parser.next() == Event.KEY_NAME) {
      String key = parser.getString();
      Event value = parser.next();
      if ("delta".equals(key) && value == Event.START_OBJECT) {
        hasDelta = true;
        deltaContent = content(parser);
      } else if ("message".equals(key) && value == Event.START_OBJECT) {
        messageContent = content(parser);
      } else if ("finish_reason".equals(key) && value == Event.VALUE_STRING) {
        finishReason = parser.getString();
      } else {
        skip(parser, value);
      }
    }
    return new Choice(hasDelta ? deltaContent : messageContent, finishReason);
  }

  /** The {@code content} string of a delta or message object, read up to its end. */
  private static String content(JsonParser parser) {
    String content = null;
    while (parser.next() == Event.KEY_NAME) {
      String key = parser.getString();
      Event value = parser.next();
      if ("content".equals(key) && value == Event.VALUE_STRING) {
        content = parser.getString();
      } else {
        skip(parser, value);
      }
    }
    return content;
  }

  private static Usage usage(JsonParser parser) {
    int prompt = 0;
    int completion = 0;
    while (parser.next() == Event.KEY_NAME) {
      String key = parser.getString();
      Event value = parser.next();
      if ("prompt_tokens".equals(key) && value == Event.VALUE_NUMBER) {
        prompt = parser.getInt();
      } else if ("completion_tokens".equals(key) && value == Event.VALUE_NUMBER) {
        completion = parser.getInt();
      } else {
        skip(parser, value);
      }
    }
    return new Usage(prompt, completion);
  }

  /**
   * Skips the value that {@code value} started. Not {@code JsonParser.skipObject()/skipArray()}:
   * Parsson's loop forever when the input ends inside the skipped value (a provider, a proxy or a
   * cut connection can send a truncated chunk). Each {@code next()} here consumes input or throws
   * at its end.
   */
  private static void skip(JsonParser parser, Event value) {
    if (value != Event.START_OBJECT && value != Event.START_ARRAY) {
      return;
    }
    int depth = 1;
    while (depth > 0) {
      Event event = parser.next();
      if (event == Event.START_OBJECT || event == Event.START_ARRAY) {
        depth++;
      } else if (event == Event.END_OBJECT || event == Event.END_ARRAY) {
        depth--;
      }
    }
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

  private static String string(JsonValue value) {
    return value instanceof JsonString s ? s.getString() : null;
  }
}
