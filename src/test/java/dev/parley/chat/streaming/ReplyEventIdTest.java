package dev.parley.chat.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.platform.errors.BadRequest;
import dev.parley.testing.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Event ids: what Parley sends reads back exactly; whatever a client sends is an id or a 400. */
class ReplyEventIdTest {

  @Test
  void namesTheReplyAndTheOffset() {
    assertEquals("456.120", ReplyEventId.format(456, 120));
    assertEquals(new ReplyEventId(456, 120), ReplyEventId.parse("456.120"));
    assertEquals(new ReplyEventId(456, 0), ReplyEventId.parse(" 456.0 "));
  }

  @Test
  void noIdMeansFromTheStart() {
    assertNull(ReplyEventId.parse(null));
    assertNull(ReplyEventId.parse(""));
    assertNull(ReplyEventId.parse("   "));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "456",
        "456.",
        ".120",
        "0.1",
        "-1.2",
        "1.-2",
        "+1.2",
        "1.+2",
        "01.2",
        "1.02",
        "1.2.3",
        "1,2",
        "a.b",
        "1.2a",
        "1 .2",
        "9223372036854775808.1",
        "1.2147483648",
        "99999999999999999999999999999999.1",
        "1.2\u0000",
        "١.٢",
        "1.2e3"
      })
  void anythingElseIsA400(String value) {
    BadRequest refused = assertThrows(BadRequest.class, () -> ReplyEventId.parse(value));
    assertEquals(ReplyEventId.MALFORMED, refused.detail());
  }

  @Test
  void theLargestIdsParse() {
    assertEquals(
        new ReplyEventId(Long.MAX_VALUE, Integer.MAX_VALUE),
        ReplyEventId.parse(Long.MAX_VALUE + "." + Integer.MAX_VALUE));
  }

  @Test
  void everySentIdReadsBack() {
    Property.forAll(
        47,
        1000,
        random ->
            new ReplyEventId(
                1 + (random.nextLong() & Long.MAX_VALUE) % (Long.MAX_VALUE - 1),
                random.nextInt(Integer.MAX_VALUE)),
        id -> assertEquals(id, ReplyEventId.parse(ReplyEventId.format(id.replyId(), id.offset()))));
  }

  /** Client input: any string is an id, nothing, or a 400, never another exception. */
  @Test
  void anyStringIsAnIdOrA400() {
    Property.Gen<String> digitsAndSigns =
        Property.Gen.lists(Property.Gen.of('0', '1', '9', '.', '-', '+', ' ', 'e'), 45)
            .map(chars -> chars.stream().map(String::valueOf).reduce("", String::concat));
    Property.Gen<String> numbers =
        random ->
            (random.nextLong() % Long.MAX_VALUE)
                + "."
                + (random.nextLong() % (3L * Integer.MAX_VALUE));
    Property.forAll(
        53,
        3000,
        Property.Gen.oneOf(digitsAndSigns, Property.Gen.strings(60), numbers),
        ReplyEventIdTest::isAnIdOrA400);
  }

  private static void isAnIdOrA400(String value) {
    try {
      ReplyEventId id = ReplyEventId.parse(value);
      if (id != null) {
        assertEquals(value.strip(), id.toString());
      }
    } catch (BadRequest refused) {
      assertEquals(ReplyEventId.MALFORMED, refused.detail());
    }
  }
}
