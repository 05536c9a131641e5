package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.chat.entity.MessageInput;
import java.util.List;
import org.junit.jupiter.api.Test;

class TitlesTest {

  @Test
  void firstUserMessageOnOneLine() {
    assertEquals(
        "Tell me a story about cats",
        Titles.of(
            List.of(
                new MessageInput("system", "You are kind"),
                new MessageInput("user", "  Tell me\n a story\tabout   cats "),
                new MessageInput("user", "second"))));
  }

  @Test
  void cappedAt80CharactersWithAnEllipsis() {
    String title = Titles.of(List.of(new MessageInput("user", "word ".repeat(40))));
    assertEquals(80, title.length());
    assertTrue(title.endsWith("…"));
  }

  @Test
  void neverSplitsASurrogatePair() {
    String title = Titles.of(List.of(new MessageInput("user", "a".repeat(78) + "😀😀😀")));
    assertTrue(title.length() <= 80);
    String beforeEllipsis = title.substring(0, title.length() - 1);
    assertFalse(
        Character.isHighSurrogate(beforeEllipsis.charAt(beforeEllipsis.length() - 1)), title);
  }

  @Test
  void withoutUserTextTheTitleIsGeneric() {
    assertEquals(
        "New chat",
        Titles.of(List.of(new MessageInput("system", "rules"), new MessageInput("user", "  "))));
  }
}
