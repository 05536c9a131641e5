package dev.parley.chat.entity;

import dev.parley.platform.json.Timestamps;
import java.util.List;

/** A session in the history, with its messages. */
public record SessionView(
    long id,
    long userId,
    long applicationId,
    String model,
    String title,
    List<MessageView> messages,
    String createdAt,
    String updatedAt) {

  public static SessionView of(ChatSession session, List<ChatMessage> messages) {
    return new SessionView(
        session.id(),
        session.userId(),
        session.applicationId(),
        session.model(),
        session.title(),
        messages.stream().map(MessageView::of).toList(),
        Timestamps.format(session.createdAt()),
        Timestamps.format(session.updatedAt()));
  }
}
