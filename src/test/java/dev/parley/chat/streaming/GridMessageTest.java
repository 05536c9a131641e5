package dev.parley.chat.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.testing.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Messages between instances are strings that read back exactly; anything else is ignored. */
class GridMessageTest {

  @Test
  void textMayHoldLineBreaks() {
    GridMessage message =
        new GridMessage(GridMessage.Kind.TEXT, 7, 12, "parley-a", "line one\nline two\n");
    assertEquals("T\n7\n12\nparley-a\nline one\nline two\n", message.encode());
    assertEquals(message, GridMessage.decode(message.encode()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "T",
        "T\n",
        "X\n1\n2\na\n",
        "T\n1\n2\n",
        "T\n0\n2\na\n",
        "T\n1\n-2\na\n",
        "T\nx\n2\na\n"
      })
  void unreadableMessagesAreNull(String encoded) {
    assertNull(GridMessage.decode(encoded));
  }

  @Test
  void instanceIdsHaveNoLineBreaks() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new GridMessage(GridMessage.Kind.FOLLOW, 1, 0, "a\nb", ""));
  }

  @Test
  void everyMessageReadsBack() {
    Property.forAll(
        41,
        1000,
        random ->
            new GridMessage(
                GridMessage.Kind.values()[random.nextInt(GridMessage.Kind.values().length)],
                1 + (random.nextLong() & Long.MAX_VALUE) % (Long.MAX_VALUE - 1),
                random.nextInt(Integer.MAX_VALUE),
                "instance-1",
                Property.Gen.strings(80).next(random)),
        message -> assertEquals(message, GridMessage.decode(message.encode())));
  }

  @Test
  void anyStringDecodesOrIsNull() {
    Property.forAll(43, 2000, Property.Gen.strings(120), GridMessage::decode); // never throws
  }
}
