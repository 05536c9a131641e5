package dev.parley.chat.control;

import dev.parley.provider.control.TokenCounter;
import dev.parley.provider.entity.PromptMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits what goes upstream into a model's token budget. The documents' context message (if any)
 * comes first; when documents plus conversation are too large, the conversation loses its oldest
 * messages first. System messages and the latest user message are never dropped. Plain Java.
 */
public final class ContextWindow {

  /** The messages to send and how many conversation messages were left out to fit. */
  public record Fit(List<PromptMessage> messages, int droppedMessages) {

    public Fit {
      messages = List.copyOf(messages);
    }

    public boolean trimmed() {
      return droppedMessages > 0;
    }
  }

  private ContextWindow() {}

  /**
   * Tokens left for documents once the messages that are never dropped (system messages and the
   * latest user message) are counted; never negative.
   */
  public static int roomForDocuments(List<PromptMessage> conversation, int budget) {
    int latestUser = latestUser(conversation);
    List<PromptMessage> kept = new ArrayList<>();
    for (int i = 0; i < conversation.size(); i++) {
      if (i == latestUser || isSystem(conversation.get(i))) {
        kept.add(conversation.get(i));
      }
    }
    // the context message's own framing: one more message
    return Math.max(0, budget - TokenCounter.countPrompt(kept) - TokenCounter.PER_MESSAGE - 1);
  }

  /**
   * {@code documents} (nullable) first, then as much of {@code conversation} as fits in {@code
   * budget}.
   */
  public static Fit fit(PromptMessage documents, List<PromptMessage> conversation, int budget) {
    List<PromptMessage> all = new ArrayList<>();
    if (documents != null) {
      all.add(documents);
    }
    all.addAll(conversation);
    int[] cost = new int[all.size()];
    int total = TokenCounter.countPrompt(List.of());
    for (int i = 0; i < all.size(); i++) {
      cost[i] = TokenCounter.countPrompt(List.of(all.get(i))) - TokenCounter.countPrompt(List.of());
      total += cost[i];
    }
    int offset = documents == null ? 0 : 1;
    int keep = offset + latestUser(conversation);
    boolean[] dropped = new boolean[all.size()];
    int droppedCount = 0;
    for (int i = offset; i < all.size() && total > budget; i++) {
      if (i != keep && !isSystem(all.get(i))) {
        dropped[i] = true;
        droppedCount++;
        total -= cost[i];
      }
    }
    List<PromptMessage> kept = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (!dropped[i]) {
        kept.add(all.get(i));
      }
    }
    return new Fit(kept, droppedCount);
  }

  /** Index of the latest user message, or -1. */
  public static int latestUser(List<PromptMessage> conversation) {
    for (int i = conversation.size() - 1; i >= 0; i--) {
      if ("user".equals(conversation.get(i).role())) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isSystem(PromptMessage message) {
    return "system".equals(message.role());
  }
}
