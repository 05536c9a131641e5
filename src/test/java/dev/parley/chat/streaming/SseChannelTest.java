package dev.parley.chat.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class SseChannelTest {

  @Test
  void carriageReturnsBecomeLineFeedsSoEveryLineGetsItsDataPrefix() {
    assertEquals("a\nb\nc\n", SseChannel.normalize("a\r\nb\rc\n"));
  }

  @Test
  void tokensWithoutCarriageReturnAreNotCopied() {
    String token = " hello\nworld";
    assertSame(token, SseChannel.normalize(token));
  }
}
