package dev.parley.provider.control;

import dev.parley.provider.entity.CompletionChunk;
import dev.parley.provider.entity.ToolCallDelta;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Parses the JSON of one OpenAI {@code chat.completion.chunk} (or a whole {@code chat.completion}).
 * Tolerant by design: a chunk without choices (the usage chunk), without {@code delta.content} or
 * with nulls is normal. Runs once per streamed token, so it walks the JSON with a streaming parser,
 * keeps only {@code choices[0].delta.content} (or {@code .message.content}), its {@code tool_calls}
 * pieces, {@code choices[0].finish_reason} and the usage counts, and skips everything else without
 * building it. A chunk that is an {@code error} object (some servers report failures mid-stream
 * that way) is a provider failure.
 */
public final class ChunkParser {

  private static final Logger LOG = Logger.getLogger(ChunkParser.class.getName());

  // one factory for the whole JVM: Json.createParser per token does a ServiceLoader lookup each
  // time
  static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
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
        } else if ("error".equals(key) && value == Event.START_OBJECT) {
          throw streamError(parser);
        } else {
          JsonSkip.skip(parser, value);
        }
      }
      return choice == null
          ? new CompletionChunk(null, null, usage)
          : new CompletionChunk(choice.content(), choice.finishReason(), usage, choice.toolCalls());
    }
  }

  private record Choice(String content, String finishReason, List<ToolCallDelta> toolCalls) {}

  private record Message(String content, List<ToolCallDelta> toolCalls) {}

  /** Reads {@code choices} up to its end; only the first element counts. */
  private static Choice firstChoice(JsonParser parser) {
    Choice first = null;
    Event element;
    while ((element = parser.next()) != Event.END_ARRAY) {
      if (first == null && element == Event.START_OBJECT) {
        first = choice(parser);
      } else {
        JsonSkip.skip(parser, element);
      }
    }
    return first;
  }

  private static Choice choice(JsonParser parser) {
    Message delta = null;
    Message message = null;
    String finishReason = null;
    while (parser.next() == Event.KEY_NAME) {
      String key = parser.getString();
      Event value = parser.next();
      if ("delta".equals(key) && value == Event.START_OBJECT) {
        delta = message(parser);
      } else if ("message".equals(key) && value == Event.START_OBJECT) {
        message = message(parser);
      } else if ("finish_reason".equals(key) && value == Event.VALUE_STRING) {
        finishReason = parser.getString();
      } else {
        JsonSkip.skip(parser, value);
      }
    }
    Message used = delta != null ? delta : message;
    return used == null
        ? new Choice(null, finishReason, List.of())
        : new Choice(used.content(), finishReason, used.toolCalls());
  }

  /** The {@code content} and {@code tool_calls} of a delta or message object, to its end. */
  private static Message message(JsonParser parser) {
    String content = null;
    List<ToolCallDelta> toolCalls = List.of();
    while (parser.next() == Event.KEY_NAME) {
      String key = parser.getString();
      Event value = parser.next();
      if ("content".equals(key) && value == Event.VALUE_STRING) {
        content = parser.getString();
      } else if ("tool_calls".equals(key) && value == Event.START_ARRAY) {
        toolCalls = toolCalls(parser);
      } else {
        JsonSkip.skip(parser, value);
      }
    }
    return new Message(content, toolCalls);
  }

  private static List<ToolCallDelta> toolCalls(JsonParser parser) {
    List<ToolCallDelta> calls = new ArrayList<>();
    Event element;
    while ((element = parser.next()) != Event.END_ARRAY) {
      if (element != Event.START_OBJECT) {
        JsonSkip.skip(parser, element);
        continue;
      }
      int index = calls.size();
      String id = null;
      String name = null;
      String arguments = null;
      while (parser.next() == Event.KEY_NAME) {
        String key = parser.getString();
        Event value = parser.next();
        if ("index".equals(key)) {
          index = JsonSkip.integer(parser, value);
        } else if ("id".equals(key) && value == Event.VALUE_STRING) {
          id = parser.getString();
        } else if ("function".equals(key) && value == Event.START_OBJECT) {
          while (parser.next() == Event.KEY_NAME) {
            String field = parser.getString();
            Event fieldValue = parser.next();
            if ("name".equals(field) && fieldValue == Event.VALUE_STRING) {
              name = parser.getString();
            } else if ("arguments".equals(field) && fieldValue == Event.VALUE_STRING) {
              arguments = parser.getString();
            } else {
              JsonSkip.skip(parser, fieldValue);
            }
          }
        } else {
          JsonSkip.skip(parser, value);
        }
      }
      calls.add(new ToolCallDelta(index, id, name, arguments));
    }
    return calls;
  }

  private static Usage usage(JsonParser parser) {
    int prompt = 0;
    int completion = 0;
    while (parser.next() == Event.KEY_NAME) {
      String key = parser.getString();
      Event value = parser.next();
      if ("prompt_tokens".equals(key)) {
        prompt = JsonSkip.integer(parser, value);
      } else if ("completion_tokens".equals(key)) {
        completion = JsonSkip.integer(parser, value);
      } else {
        JsonSkip.skip(parser, value);
      }
    }
    return new Usage(prompt, completion);
  }

  /** An {@code error} object in the stream: logged at FINE, never shown to users. */
  private static ProviderUnavailable streamError(JsonParser parser) {
    String message = null;
    while (parser.next() == Event.KEY_NAME) {
      String key = parser.getString();
      Event value = parser.next();
      if ("message".equals(key) && value == Event.VALUE_STRING) {
        message = parser.getString();
      } else {
        JsonSkip.skip(parser, value);
      }
    }
    String logged = message;
    LOG.fine(() -> "provider reported an error in its stream: " + logged);
    return new ProviderUnavailable("the model provider reported an error in its stream");
  }

  /** The error message inside an OpenAI- or Anthropic-style error body; never shown to users. */
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
