package dev.parley.provider.control;

import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;

/** Bounded skipping for the provider stream parsers. */
final class JsonSkip {

  private JsonSkip() {}

  /**
   * Skips the value that {@code value} started. Not {@code JsonParser.skipObject()/skipArray()}:
   * Parsson's loop forever when the input ends inside the skipped value (a provider, a proxy or a
   * cut connection can send a truncated chunk). Each {@code next()} here consumes input or throws
   * at its end.
   */
  static void skip(JsonParser parser, Event value) {
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

  /** What to do with one field of an object; it must consume the field's value. */
  @FunctionalInterface
  interface FieldReader {
    void read(String key, Event value);
  }

  /**
   * Hands each field of the object that {@code value} starts to {@code reader}; any other value is
   * skipped. Ends at the object's end (or at whatever a malformed chunk has instead).
   */
  static void fields(JsonParser parser, Event value, FieldReader reader) {
    if (value != Event.START_OBJECT) {
      skip(parser, value);
      return;
    }
    while (parser.next() == Event.KEY_NAME) {
      String key = parser.getString();
      reader.read(key, parser.next());
    }
  }

  /** The string, number or literal at hand as text; null for null and for structures (skipped). */
  static String scalar(JsonParser parser, Event value) {
    return switch (value) {
      case VALUE_STRING, VALUE_NUMBER -> parser.getString();
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      case START_OBJECT, START_ARRAY -> {
        skip(parser, value);
        yield null;
      }
      default -> null;
    };
  }

  /**
   * A plain non-negative whole number that fits an int, else 0 (usage counts, indexes). Read from
   * the number's text: converting {@code 1e999999999} would be far from bounded work.
   */
  static int integer(JsonParser parser, Event value) {
    if (value != Event.VALUE_NUMBER) {
      skip(parser, value);
      return 0;
    }
    String text = parser.getString();
    if (text.isEmpty() || text.length() > 10) {
      return 0;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return 0;
      }
    }
    long number = Long.parseLong(text);
    return number > Integer.MAX_VALUE ? 0 : (int) number;
  }
}
