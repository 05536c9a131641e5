package dev.parley.chat.entity;

import dev.parley.provider.entity.PromptMessage;
import java.util.List;

/**
 * One exchange as stored before the provider is called: the session, the in-progress reply row, the
 * open usage record, and the messages to send upstream (the documents' context message first, if
 * any, then the conversation, trimmed to the model's budget: {@code droppedMessages} says how many
 * of its oldest messages were left out).
 */
public record Turn(
    long sessionId,
    boolean newSession,
    long replyId,
    long usageId,
    String model,
    List<PromptMessage> conversation,
    int droppedMessages) {

  public Turn {
    conversation = List.copyOf(conversation);
  }

  /** A turn as first stored: the whole conversation, nothing trimmed yet. */
  public Turn(
      long sessionId,
      boolean newSession,
      long replyId,
      long usageId,
      String model,
      List<PromptMessage> conversation) {
    this(sessionId, newSession, replyId, usageId, model, conversation, 0);
  }

  /** This turn sending {@code messages} upstream, {@code dropped} of its oldest left out. */
  public Turn fitted(List<PromptMessage> messages, int dropped) {
    return new Turn(sessionId, newSession, replyId, usageId, model, messages, dropped);
  }

  public boolean contextTrimmed() {
    return droppedMessages > 0;
  }
}
