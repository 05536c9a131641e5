package dev.parley.chat.entity;

import dev.parley.provider.entity.PromptMessage;
import java.util.List;

/**
 * One exchange as stored before the provider is called: the session, the in-progress reply row, the open
 * usage record, and the whole conversation to send upstream.
 */
public record Turn(long sessionId, long replyId, long usageId, String model, List<PromptMessage> conversation) {

  public Turn {
    conversation = List.copyOf(conversation);
  }
}
