package dev.parley.chat.control;

import dev.parley.provider.entity.PromptMessage;
import java.util.Optional;

/**
 * What a session's documents contribute to a turn. Chat asks, the files feature answers (its {@code
 * DocumentContext}): chat never depends on files, files depends on chat's sessions.
 */
public interface SessionDocuments {

  /**
   * The context message for a turn of {@code sessionId}, at most {@code room} tokens (and the
   * model's document budget); empty when the session has no document with text or there is no room.
   */
  Optional<PromptMessage> messageFor(long sessionId, String model, String question, int room);
}
