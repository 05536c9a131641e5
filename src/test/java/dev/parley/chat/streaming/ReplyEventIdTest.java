package dev.parley.chat.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.platform.errors.BadRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
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

  @Property
  void everySentIdReadsBack(
      @ForAll @LongRange(min = 1) long reply, @ForAll @IntRange(min = 0) int offset) {
    assertEquals(
        new ReplyEventId(reply, offset), ReplyEventId.parse(ReplyEventId.format(reply, offset)));
  }

  /** Client input: any string is an id, nothing, or a 400, never another exception. */
  @Property(tries = 3000)
  void anyStringIsAnIdOrA400(@ForAll("headers") String value) {
    try {
      ReplyEventId id = ReplyEventId.parse(value);
      if (id != null) {
        assertEquals(value.strip(), id.toString());
      }
    } catch (BadRequest refused) {
      assertEquals(ReplyEventId.MALFORMED, refused.detail());
    }
  }

  @Provide
  Arbitrary<String> headers() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789.-+ e").ofMaxLength(45),
        Arbitraries.strings().ofMaxLength(60),
        Arbitraries.longs()
            .between(-5, Long.MAX_VALUE)
            .flatMap(
                r ->
                    Arbitraries.longs().between(-5, 3L * Integer.MAX_VALUE).map(o -> r + "." + o)));
  }
}
