package dev.parley.provider.control;

import dev.parley.platform.errors.ProviderFailed;
import dev.parley.provider.entity.CompletionChunk;
import dev.parley.provider.entity.ToolCallDelta;
import dev.parley.provider.entity.Usage;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Decodes the events of Anthropic's streaming Messages API into the chunks the rest of Parley
 * knows: {@code message_start} (input tokens), {@code content_block_start} / {@code
 * content_block_delta} ({@code text_delta}; {@code tool_use} blocks and their {@code
 * input_json_delta} as OpenAI-style tool call pieces), {@code message_delta} (stop reason in
 * OpenAI's names, output tokens: cumulative), {@code message_stop} (the end), {@code ping}, and
 * {@code error} (a provider failure; {@code overloaded_error} and its kin let a fallback chain move
 * on). Event types Anthropic adds later are ignored, as its versioning policy asks.
 *
 * <p>Hostile input: a streaming parser, bounded skipping ({@link JsonSkip}), never Parsson's skip
 * methods; numbers are read from their text.
 */
final class AnthropicEvents implements Decoder {

  private static final Logger LOG = Logger.getLogger(AnthropicEvents.class.getName());

  private int inputTokens;
  private int outputTokens;
  private boolean usageSeen;
  private int toolCalls;
  private final Map<Integer, Integer> toolIndexOfBlock = new HashMap<>();

  /** The fields of one event that matter, whatever their order. */
  private static final class Fields {
    String type;
    int index;
    String deltaType;
    String text;
    String partialJson;
    String stopReason;
    String blockType;
    String blockId;
    String blockName;
    String blockText;
    int input = -1;
    int output = -1;
    String errorType;
    String errorMessage;
  }

  @Override
  public CompletionChunk decode(String data) {
    Fields event = read(data);
    if (event.type == null) {
      throw new JsonParsingException("an event without a type", null);
    }
    switch (event.type) {
      case "message_start" -> {
        count(event);
        return null;
      }
      case "content_block_start" -> {
        if ("tool_use".equals(event.blockType)) {
          int index = toolCalls++;
          toolIndexOfBlock.put(event.index, index);
          return tool(new ToolCallDelta(index, event.blockId, event.blockName, ""));
        }
        if ("text".equals(event.blockType)
            && event.blockText != null
            && !event.blockText.isEmpty()) {
          return new CompletionChunk(event.blockText, null, null);
        }
        return null;
      }
      case "content_block_delta" -> {
        if ("text_delta".equals(event.deltaType)) {
          return new CompletionChunk(event.text, null, null);
        }
        if ("input_json_delta".equals(event.deltaType)) {
          Integer index = toolIndexOfBlock.get(event.index);
          return index == null || event.partialJson == null
              ? null
              : tool(new ToolCallDelta(index, null, null, event.partialJson));
        }
        return null; // thinking, signatures, citations: not part of the reply's text
      }
      case "message_delta" -> {
        count(event);
        return new CompletionChunk(
            null,
            finishReason(event.stopReason),
            usageSeen ? new Usage(inputTokens, outputTokens) : null);
      }
      case "message_stop" -> {
        return END;
      }
      case "error" -> throw failure(event.errorType, event.errorMessage);
      default -> {
        return null; // ping, content_block_stop, and event types added later
      }
    }
  }

  private void count(Fields event) {
    if (event.input >= 0) {
      inputTokens = Math.max(inputTokens, event.input);
      usageSeen = true;
    }
    if (event.output >= 0) {
      outputTokens = event.output; // cumulative in message_delta
      usageSeen = true;
    }
  }

  private static CompletionChunk tool(ToolCallDelta delta) {
    return new CompletionChunk(null, null, null, List.of(delta));
  }

  /** Anthropic's stop reasons in OpenAI's names. */
  static String finishReason(String stopReason) {
    if (stopReason == null) {
      return null;
    }
    return switch (stopReason) {
      case "end_turn", "stop_sequence", "pause_turn" -> "stop";
      case "max_tokens", "model_context_window_exceeded" -> "length";
      case "tool_use" -> "tool_calls";
      case "refusal" -> "content_filter";
      default -> stopReason;
    };
  }

  /** An {@code error} event: logged at FINE, never shown to users beyond its type. */
  static ProviderFailed failure(String type, String message) {
    String kind = type == null ? "unknown_error" : type.replaceAll("[^a-z_]", "");
    LOG.fine(() -> "Anthropic reported " + kind + " in its stream: " + message);
    return switch (kind) {
      case "overloaded_error" ->
          new ProviderUnavailable("the model provider is overloaded (overloaded_error)");
      case "rate_limit_error" ->
          new ProviderUnavailable("the model provider is rate-limiting Parley (rate_limit_error)");
      case "api_error", "stream_error" ->
          new ProviderUnavailable("the model provider failed (" + kind + ")");
      case "timeout_error" ->
          new ProviderUnavailable("the model provider timed out (" + kind + ")");
      default -> new ProviderFailed("the model provider reported an error (" + kind + ")");
    };
  }

  // ---- the streaming read of one event

  static Fields read(String data) {
    Fields fields = new Fields();
    try (JsonParser parser = ChunkParser.PARSERS.createParser(new StringReader(data))) {
      if (parser.next() != Event.START_OBJECT) {
        throw new JsonParsingException("an event must be a JSON object", parser.getLocation());
      }
      while (parser.next() == Event.KEY_NAME) {
        String key = parser.getString();
        Event value = parser.next();
        switch (key) {
          case "type" -> fields.type = JsonSkip.scalar(parser, value);
          case "index" -> fields.index = JsonSkip.integer(parser, value);
          case "delta" -> delta(parser, value, fields);
          case "content_block" -> block(parser, value, fields);
          case "message" -> message(parser, value, fields);
          case "usage" -> usage(parser, value, fields);
          case "error" -> error(parser, value, fields);
          default -> JsonSkip.skip(parser, value);
        }
      }
    }
    return fields;
  }

  private static void delta(JsonParser parser, Event value, Fields fields) {
    JsonSkip.fields(
        parser,
        value,
        (key, field) -> {
          switch (key) {
            case "type" -> fields.deltaType = JsonSkip.scalar(parser, field);
            case "text" -> fields.text = field == Event.VALUE_STRING ? parser.getString() : null;
            case "partial_json" ->
                fields.partialJson = field == Event.VALUE_STRING ? parser.getString() : null;
            case "stop_reason" -> fields.stopReason = JsonSkip.scalar(parser, field);
            default -> JsonSkip.skip(parser, field);
          }
        });
  }

  private static void block(JsonParser parser, Event value, Fields fields) {
    JsonSkip.fields(
        parser,
        value,
        (key, field) -> {
          switch (key) {
            case "type" -> fields.blockType = JsonSkip.scalar(parser, field);
            case "id" -> fields.blockId = JsonSkip.scalar(parser, field);
            case "name" -> fields.blockName = JsonSkip.scalar(parser, field);
            case "text" ->
                fields.blockText = field == Event.VALUE_STRING ? parser.getString() : null;
            default -> JsonSkip.skip(parser, field);
          }
        });
  }

  private static void message(JsonParser parser, Event value, Fields fields) {
    JsonSkip.fields(
        parser,
        value,
        (key, field) -> {
          if ("usage".equals(key)) {
            usage(parser, field, fields);
          } else {
            JsonSkip.skip(parser, field);
          }
        });
  }

  /** Input tokens are the uncached, cache-writing and cache-reading ones together. */
  private static void usage(JsonParser parser, Event value, Fields fields) {
    JsonSkip.fields(
        parser,
        value,
        (key, field) -> {
          switch (key) {
            case "input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens" ->
                fields.input = Math.max(0, fields.input) + JsonSkip.integer(parser, field);
            case "output_tokens" -> fields.output = JsonSkip.integer(parser, field);
            default -> JsonSkip.skip(parser, field);
          }
        });
  }

  private static void error(JsonParser parser, Event value, Fields fields) {
    JsonSkip.fields(
        parser,
        value,
        (key, field) -> {
          switch (key) {
            case "type" -> fields.errorType = JsonSkip.scalar(parser, field);
            case "message" -> fields.errorMessage = JsonSkip.scalar(parser, field);
            default -> JsonSkip.skip(parser, field);
          }
        });
  }
}
