package dev.parley.chat.control;

import dev.parley.chat.entity.Turn;
import dev.parley.provider.entity.PromptMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What a turn sends upstream: the session's documents as a context message first, then the stored
 * conversation, within the model's token budget ({@link ContextWindow}). Runs after {@link
 * ChatSessions#begin} has committed, so ranking long documents never holds the session's row lock
 * or a transaction.
 */
@ApplicationScoped
public class TurnContext {

  @Inject ChatSettings settings;
  @Inject SessionDocuments documents;

  /**
   * The turn with what goes upstream. A turn that created its session skips the documents: it has
   * none yet (saves a query on every first turn).
   */
  public Turn complete(Turn turn) {
    int budget = settings.maxContextTokens(turn.model());
    PromptMessage context = turn.newSession() ? null : documentsMessage(turn, budget);
    ContextWindow.Fit fit = ContextWindow.fit(context, turn.conversation(), budget);
    return turn.fitted(fit.messages(), fit.droppedMessages());
  }

  private PromptMessage documentsMessage(Turn turn, int budget) {
    int latestUser = ContextWindow.latestUser(turn.conversation());
    String question = latestUser < 0 ? "" : turn.conversation().get(latestUser).content();
    return documents
        .messageFor(
            turn.sessionId(),
            turn.model(),
            question,
            ContextWindow.roomForDocuments(turn.conversation(), budget))
        .orElse(null);
  }
}
