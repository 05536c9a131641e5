package dev.parley.chat.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
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

  @Property
  void everyMessageReadsBack(
      @ForAll GridMessage.Kind kind,
      @ForAll @LongRange(min = 1) long reply,
      @ForAll @IntRange(min = 0) int offset,
      @ForAll String text) {
    GridMessage message = new GridMessage(kind, reply, offset, "instance-1", text);
    assertEquals(message, GridMessage.decode(message.encode()));
  }

  @Property
  void anyStringDecodesOrIsNull(@ForAll String encoded) {
    GridMessage.decode(encoded); // never throws
  }
}
