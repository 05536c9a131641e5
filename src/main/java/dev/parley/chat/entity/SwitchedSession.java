package dev.parley.chat.entity;

import java.util.List;

/** The answer of {@code POST /v1/chat/switch-model}. */
public record SwitchedSession(
    long sessionId, String model, List<MessageView> messages, String title) {

  public static SwitchedSession of(ChatSession session, List<ChatMessage> messages) {
    return new SwitchedSession(
        session.id(),
        session.model(),
        messages.stream().map(MessageView::of).toList(),
        session.title());
  }
}
