package dev.parley.platform.json;

import dev.parley.platform.errors.BadRequest;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.CharArrayReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Every JSON request body is parsed here, once, into a tree, with work bounded by the body's size:
 * one pass of the JSON-P streaming parser, each {@code next()} consuming input or failing at its
 * end, so a truncated body is a 400 at once.
 *
 * <p>Why not let the server's JSON stack read the raw body: Parsson's {@code
 * JsonParser.skipArray()}/{@code skipObject()} (every release up to 1.1.9) loop forever on input
 * that ends inside the skipped array or object, and JSON-B reaches them when it skips an unknown
 * property. Nothing here calls them; JSON-B binds only bodies this parse proved complete.
 *
 * <p>Rules beyond the JSON grammar: strict UTF-8, no NUL character in any string, at most {@link
 * #MAX_DEPTH} levels of nesting, no duplicate keys (which of two values would count is not a guess
 * to make for the client), numbers within {@code ±1e}{@link #MAX_EXPONENT} (no field needs more;
 * {@code 1e999999999} is cheap to parse but not to convert), and nothing after the value.
 */
public final class JsonBodies {

  /** The request property holding a body's parsed {@link JsonValue}. */
  public static final String PARSED = JsonBodies.class.getName() + ".parsed";

  public static final int MAX_DEPTH = 64;
  public static final int MAX_EXPONENT = 400;

  // looked up once: each Json.createXxx call is a ServiceLoader lookup
  private static final JsonProvider JSON = JsonProvider.provider();
  private static final JsonParserFactory PARSERS = JSON.createParserFactory(Map.of());
  private static final JsonBuilderFactory BUILDERS = JSON.createBuilderFactory(Map.of());

  private JsonBodies() {}

  /** The body's value; a {@link BadRequest} naming what is wrong and where, otherwise. */
  public static JsonValue parse(byte[] body) {
    char[] text = utf8(body);
    if (new String(text).isBlank()) {
      throw new BadRequest("malformed JSON body: it is empty");
    }
    try (JsonParser parser = PARSERS.createParser(new CharArrayReader(text))) {
      JsonValue value = new TreeBuilder(parser).value();
      if (hasMore(parser)) {
        throw malformed("more content after the JSON value", parser.getLocation());
      }
      return value;
    } catch (JsonParsingException e) {
      boolean endsEarly = String.valueOf(e.getMessage()).contains("EOF");
      throw endsEarly
          ? malformed(ENDS_EARLY, null)
          : malformed("unexpected content", e.getLocation());
    } catch (NoSuchElementException e) {
      throw malformed(ENDS_EARLY, null);
    } catch (JsonException | IllegalStateException | UnsupportedOperationException e) {
      // Parsson reports a number longer than its limit as UnsupportedOperationException
      throw malformed("a value it cannot read (e.g. a number too long)", null);
    }
  }

  /** Parsson's {@code hasNext()} after the value throws on content instead of answering true. */
  private static boolean hasMore(JsonParser parser) {
    try {
      return parser.hasNext();
    } catch (JsonParsingException trailing) {
      return true;
    }
  }

  private static final String ENDS_EARLY = "it ends before the JSON value is complete";

  private static char[] utf8(byte[] body) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(body));
      char[] text = new char[chars.remaining()];
      chars.get(text);
      return text;
    } catch (CharacterCodingException e) {
      throw new BadRequest("malformed JSON body: not valid UTF-8");
    }
  }

  /**
   * Builds the tree from parser events with an explicit stack (no recursion, so depth costs no
   * stack), checking depth, duplicate keys and numbers on the way.
   */
  private static final class TreeBuilder {

    private final JsonParser parser;
    private final Deque<Level> levels = new ArrayDeque<>();

    TreeBuilder(JsonParser parser) {
      this.parser = parser;
    }

    JsonValue value() {
      while (true) {
        Event event = parser.next();
        JsonValue complete =
            switch (event) {
              case START_OBJECT, START_ARRAY -> {
                if (levels.size() >= MAX_DEPTH) {
                  throw malformed(
                      "nested deeper than " + MAX_DEPTH + " levels", parser.getLocation());
                }
                levels.push(new Level(event == Event.START_OBJECT));
                yield null;
              }
              case KEY_NAME -> {
                levels.peek().key(text(parser), parser);
                yield null;
              }
              case END_OBJECT, END_ARRAY -> levels.pop().build();
              case VALUE_STRING -> JSON.createValue(text(parser));
              case VALUE_NUMBER -> number(parser);
              case VALUE_TRUE -> JsonValue.TRUE;
              case VALUE_FALSE -> JsonValue.FALSE;
              case VALUE_NULL -> JsonValue.NULL;
            };
        if (complete != null) {
          if (levels.isEmpty()) {
            return complete;
          }
          levels.peek().add(complete);
        }
      }
    }

    /**
     * A string without NUL: valid JSON, but PostgreSQL cannot store it in a text column (the insert
     * would fail as a 500), and no prompt needs it.
     */
    private static String text(JsonParser parser) {
      String text = parser.getString();
      if (text.indexOf('\u0000') >= 0) {
        throw malformed("text must not contain the NUL character (\\u0000)", parser.getLocation());
      }
      return text;
    }

    private static JsonValue number(JsonParser parser) {
      BigDecimal number = parser.getBigDecimal();
      int exponent = number.precision() - number.scale() - 1;
      if (number.signum() != 0 && Math.abs(exponent) > MAX_EXPONENT) {
        throw malformed(
            "a number beyond ±1e" + MAX_EXPONENT + " is not accepted", parser.getLocation());
      }
      return JSON.createValue(number);
    }
  }

  /** One open object or array. */
  private static final class Level {

    private final JsonObjectBuilder object;
    private final JsonArrayBuilder array;
    private final Set<String> keys;
    private String key;

    Level(boolean isObject) {
      this.object = isObject ? BUILDERS.createObjectBuilder() : null;
      this.array = isObject ? null : BUILDERS.createArrayBuilder();
      this.keys = isObject ? new HashSet<>() : null;
    }

    void key(String name, JsonParser parser) {
      if (!keys.add(name)) {
        throw malformed("duplicate key \"" + abbreviate(name) + "\"", parser.getLocation());
      }
      key = name;
    }

    void add(JsonValue value) {
      if (object != null) {
        object.add(key, value);
      } else {
        array.add(value);
      }
    }

    JsonValue build() {
      return object != null ? object.build() : array.build();
    }
  }

  private static BadRequest malformed(String what, JsonLocation where) {
    String at =
        where == null || where.getLineNumber() < 0
            ? ""
            : " (line " + where.getLineNumber() + ", column " + where.getColumnNumber() + ")";
    return new BadRequest("malformed JSON body: " + what + at);
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
