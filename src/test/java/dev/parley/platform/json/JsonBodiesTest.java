package dev.parley.platform.json;

import static dev.parley.testing.Fuzz.terminates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.errors.BadRequest;
import dev.parley.testing.Fuzz;
import dev.parley.testing.Property;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one parse of every request body: any input ends quickly in a value or a {@link BadRequest}
 * with a detail, never in another exception or a loop (the bug: Parsson's skip methods spin on a
 * truncated body).
 */
class JsonBodiesTest {

  static final String CHAT =
      "{\"model\":\"gpt-4\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story\"}],"
          + "\"temperature\":0.7,\"max_tokens\":100,\"stream\":false,\"session_id\":12,"
          + "\"metadata\":{\"tags\":[\"a\",{\"b\":[null,true,-0,1e5]}]}}";

  @Test
  void parsesAWholeBody() {
    JsonValue value = parse(CHAT);
    assertEquals("gpt-4", value.asJsonObject().getString("model"));
    assertEquals(JsonValue.ValueType.FALSE, value.asJsonObject().get("stream").getValueType());
  }

  @Test
  void everyTruncationIsA400AtOnce() {
    terminates(
        () -> {
          for (String prefix : Fuzz.prefixes(CHAT)) {
            BadRequest refused = assertThrows(BadRequest.class, () -> parse(prefix));
            assertTrue(refused.detail().startsWith("malformed JSON body: "), refused::detail);
          }
          return null;
        });
  }

  @Test
  void theReportedBodiesSayWhatIsWrong() {
    assertEquals(
        "malformed JSON body: it ends before the JSON value is complete",
        detail("{\"model\":\"gpt-4\",\"messages\":["));
    assertEquals("malformed JSON body: it is empty", detail(""));
    assertTrue(detail("{").contains("ends before"), detail("{"));
    assertTrue(detail("{\"a\":1} x").contains("more content after the JSON value"));
    assertEquals(
        "malformed JSON body: unexpected content (line 2, column 7)",
        detail("{\"a\": 1,\n \"b\": x}"));
    assertTrue(detail("{\"a\":1,\"a\":2}").contains("duplicate key \"a\""));
    assertTrue(detail("[".repeat(65) + "]".repeat(65)).contains("nested deeper than 64 levels"));
    assertTrue(detail("{\"n\":1e401}").contains("number beyond"));
    assertTrue(detail("{\"content\":\"a\\u0000b\"}").contains("NUL character"));
    assertTrue(detail("{\"a\\u0000\":1}").contains("NUL character"));
    String longNumber = detail("{\"n\":1" + "0".repeat(2000) + "}");
    assertTrue(longNumber.contains("cannot read"), longNumber);
  }

  @Test
  void invalidUtf8IsRefused() {
    byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    BadRequest refused = assertThrows(BadRequest.class, () -> JsonBodies.parse(body));
    assertEquals("malformed JSON body: not valid UTF-8", refused.detail());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0", "1e400", "-1E-400", "0.0", "\"\\u0001\"", "[]", "null", "[[[]]]"})
  void edgeValuesWithinTheRulesParse(String json) {
    assertEquals(Json.createReader(new StringReader(json)).readValue(), parse(json));
  }

  @Test
  void nestingUpToTheLimitParsesAndMillionsOfLevelsAreRefusedWithoutRecursion() {
    String deepest = "[".repeat(64) + "]".repeat(64);
    assertEquals(JsonValue.ValueType.ARRAY, parse(deepest).getValueType());
    String bomb = "[".repeat(1_000_000);
    terminates(() -> assertThrows(BadRequest.class, () -> parse(bomb)));
  }

  @Test
  void anyJsonValueRoundTrips() {
    Property.forAll(13, 300, JSON, value -> assertEquals(value, parse(value.toString())));
  }

  @Test
  void everyTruncationOfAnyValueEndsQuickly() {
    Property.forAll(1313, 300, JSON, JsonBodiesTest::everyTruncationEndsQuickly);
  }

  private static void everyTruncationEndsQuickly(JsonValue value) {
    List<String> prefixes = Fuzz.prefixes(value.toString());
    terminates(
        () -> {
          prefixes.forEach(prefix -> parseOrRefuse(prefix.getBytes(StandardCharsets.UTF_8)));
          return null;
        });
  }

  @Test
  void anyBytesEndQuicklyInAValueOrA400() {
    Property.forAll(
        131313, 2000, Property.Gen.bytes(0, 256), body -> terminates(() -> parseOrRefuse(body)));
  }

  @Test
  void seededMutationsOfARealBodyEndQuicklyInAValueOrA400() {
    List<byte[]> mutants = Fuzz.mutations(CHAT, 13, 3000);
    terminates(
        () -> {
          mutants.forEach(JsonBodiesTest::parseOrRefuse);
          return null;
        });
  }

  /** A value, or the one expected exception; anything else fails the test. */
  static JsonValue parseOrRefuse(byte[] body) {
    try {
      return JsonBodies.parse(body);
    } catch (BadRequest refused) {
      assertTrue(refused.detail().startsWith("malformed JSON body: "), refused::detail);
      return null;
    }
  }

  /** JSON values up to four levels deep: strings (escapes, other planes), numbers, literals. */
  static final Property.Gen<JsonValue> JSON =
      Property.Gen.recursive(JsonBodiesTest.scalar(), JsonBodiesTest::container, 4);

  private static Property.Gen<JsonValue> scalar() {
    return Property.Gen.oneOf(
        Property.Gen.strings(12).map(JsonBodiesTest::storable).map(Json::createValue),
        Property.Gen.decimals(3).map(JsonBodiesTest::number),
        Property.Gen.of(JsonValue.TRUE, JsonValue.FALSE, JsonValue.NULL));
  }

  /** Text a client can send as UTF-8 and Parley accepts: no NUL, no lone surrogate. */
  private static String storable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        out.append(c).append(text.charAt(++i));
      } else {
        out.append(c == 0 || Character.isSurrogate(c) ? 'x' : c);
      }
    }
    return out.toString();
  }

  private static Property.Gen<JsonValue> container(Property.Gen<JsonValue> element) {
    return Property.Gen.oneOf(
        Property.Gen.lists(element, 4).map(JsonBodiesTest::array),
        Property.Gen.maps(Property.Gen.letters(0, 6), element, 4)
            .map(
                fields -> {
                  JsonObjectBuilder object = Json.createObjectBuilder();
                  fields.forEach(object::add);
                  return object.build();
                }));
  }

  private static JsonValue number(BigDecimal value) {
    return Json.createValue(value);
  }

  private static JsonValue array(List<JsonValue> values) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    values.forEach(array::add);
    return array.build();
  }

  private static JsonValue parse(String json) {
    return JsonBodies.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String detail(String json) {
    return assertThrows(BadRequest.class, () -> parse(json)).detail();
  }
}
