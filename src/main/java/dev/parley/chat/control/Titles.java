package dev.parley.chat.control;

import dev.parley.chat.entity.ChatSession;
import dev.parley.chat.entity.MessageInput;
import java.util.List;

/**
 * A session's title: its first user message on one line, at most {@value ChatSession#MAX_TITLE}
 * characters.
 */
public final class Titles {

  static final String UNTITLED = "New chat";

  private Titles() {}

  public static String of(List<MessageInput> messages) {
    for (MessageInput message : messages) {
      if ("user".equals(message.role())
          && message.content() != null
          && !message.content().isBlank()) {
        return oneLine(message.content());
      }
    }
    return UNTITLED;
  }

  static String oneLine(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    if (line.length() <= ChatSession.MAX_TITLE) {
      return line;
    }
    int cut = ChatSession.MAX_TITLE - 1;
    if (Character.isHighSurrogate(line.charAt(cut - 1))) {
      cut--;
    }
    return line.substring(0, cut).stripTrailing() + "…";
  }
}
