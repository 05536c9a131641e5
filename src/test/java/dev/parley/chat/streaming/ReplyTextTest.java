package dev.parley.chat.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Property;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A follower's copy of a reply from pieces that overlap, repeat and arrive out of order: never a
 * character twice, never one missing.
 */
class ReplyTextTest {

  @Test
  void appendsInOrderAndSkipsWhatItHas() {
    ReplyText text = new ReplyText();
    assertTrue(text.offer(0, "Once"));
    assertTrue(text.offer(4, " upon"));
    assertFalse(text.offer(0, "Once"), "a repeat adds nothing");
    assertTrue(text.offer(2, "ce upon a"), "an overlap adds its new end");
    assertEquals("Once upon a", text.from(0));
    assertEquals(" a", text.from(9));
    assertEquals("", text.from(11));
    assertEquals("", text.from(99));
  }

  @Test
  void aPieceBeyondAGapWaitsForIt() {
    ReplyText text = new ReplyText();
    text.offer(0, "ab");
    assertFalse(text.offer(4, "ef"));
    assertTrue(text.hasGap());
    assertEquals("ab", text.from(0));
    assertTrue(text.offer(2, "cd"));
    assertFalse(text.hasGap());
    assertEquals("abcdef", text.from(0));
  }

  @Test
  void emptyOrNegativePiecesAreIgnored() {
    ReplyText text = new ReplyText();
    assertFalse(text.offer(0, ""));
    assertFalse(text.offer(-1, "x"));
    assertFalse(text.offer(0, null));
    assertEquals(0, text.length());
  }

  @Test
  void theBacklogBehindAGapIsBounded() {
    ReplyText text = new ReplyText();
    for (int i = 1; i <= 10 * ReplyText.MAX_PENDING; i++) {
      text.offer(10 * i, "x");
    }
    assertTrue(text.hasGap());
    text.offer(0, "0123456789x");
    assertEquals(11, text.length(), "the first pending piece is kept and used");
  }

  /**
   * Any cut of a text into pieces, delivered shuffled with repeats and overlapping catch-ups, is
   * reassembled to exactly the text.
   */
  @Test
  void anyDeliveryReassemblesTheText() {
    Property.forAll(
        59,
        500,
        random -> Map.entry(Property.Gen.strings(200).next(random), random.nextInt(1000)),
        delivery -> reassembles(delivery.getKey(), delivery.getValue()));
  }

  private static void reassembles(String whole, int seed) {
    Random random = new Random(seed);
    List<int[]> pieces = new ArrayList<>();
    int at = 0;
    while (at < whole.length()) {
      int end = Math.min(whole.length(), at + 1 + random.nextInt(8));
      pieces.add(new int[] {at, end});
      at = end;
    }
    for (int i = 0; i < 5 && whole.length() > 0; i++) { // catch-ups: from somewhere to the end
      pieces.add(new int[] {random.nextInt(whole.length()), whole.length()});
    }
    List<int[]> delivery = new ArrayList<>(pieces);
    delivery.addAll(pieces.subList(0, pieces.size() / 2)); // repeats
    Collections.shuffle(delivery, random);
    ReplyText text = new ReplyText();
    for (int[] piece : delivery) {
      text.offer(piece[0], whole.substring(piece[0], piece[1]));
      assertTrue(whole.startsWith(text.from(0)), "always a prefix of the text");
    }
    assertEquals(whole, text.from(0));
    assertFalse(text.hasGap());
  }
}
