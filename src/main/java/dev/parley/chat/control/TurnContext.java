package dev.parley.chat.control;

import dev.parley.chat.entity.Turn;
import dev.parley.files.control.DocumentContext;
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
  @Inject DocumentContext documents;

  public Turn complete(Turn turn) {
    int budget = settings.maxContextTokens(turn.model());
    int latestUser = ContextWindow.latestUser(turn.conversation());
    String question = latestUser < 0 ? "" : turn.conversation().get(latestUser).content();
    PromptMessage context =
        documents
            .messageFor(
                turn.sessionId(),
                turn.model(),
                question,
                ContextWindow.roomForDocuments(turn.conversation(), budget))
            .orElse(null);
    ContextWindow.Fit fit = ContextWindow.fit(context, turn.conversation(), budget);
    return new Turn(
        turn.sessionId(),
        turn.replyId(),
        turn.usageId(),
        turn.model(),
        fit.messages(),
        fit.droppedMessages());
  }
}
