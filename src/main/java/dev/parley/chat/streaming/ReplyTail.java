package dev.parley.chat.streaming;

import dev.parley.chat.entity.MessageStatus;
import java.time.Duration;

/**
 * What a follower reads a reply from: the live reply on this instance, a mirror of one streaming on
 * another instance, or the stored row of a finished one. All of them serve the same append-only
 * text, so a follower asks for "what comes after offset n" and never sees a character twice.
 */
public interface ReplyTail {

  /**
   * The text after {@code from} as soon as there is any, or the reply's end, or an empty chunk once
   * {@code timeout} passed (time for a heartbeat).
   */
  Chunk await(int from, Duration timeout) throws InterruptedException;

  /**
   * New text ({@code text}, ending at offset {@code end}) and, once the reply is over and {@code
   * text} is the last of it, how it ended.
   */
  record Chunk(String text, int end, Ending ending) {

    public boolean isEmpty() {
      return text.isEmpty();
    }
  }

  /**
   * How a reply ended. {@code detail} is what followers are told in an {@code error} event before
   * {@code [DONE]}; null when the end needs no explanation (completed, or stopped on request).
   */
  record Ending(MessageStatus status, String detail) {}
}
