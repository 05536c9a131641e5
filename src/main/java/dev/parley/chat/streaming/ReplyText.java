package dev.parley.chat.streaming;

import java.util.Map;
import java.util.TreeMap;

/**
 * A follower's copy of a reply's text, assembled from pieces that each say where they start: live
 * tokens, catch-ups and database checkpoints of the same append-only text, which may arrive twice,
 * overlap or out of order. Each piece extends the known prefix by exactly what it adds; a piece
 * beyond the end waits (bounded) until the gap before it is filled. Not thread-safe.
 */
public final class ReplyText {

  /** Pieces held back behind a gap; beyond this the oldest are dropped and a resync is due. */
  static final int MAX_PENDING = 256;

  private final StringBuilder text = new StringBuilder();
  private final TreeMap<Integer, String> pending = new TreeMap<>();

  /** Takes the piece of the reply's text that starts at {@code offset}; true if the text grew. */
  public boolean offer(int offset, String piece) {
    if (offset < 0 || piece == null || piece.isEmpty()) {
      return false;
    }
    int before = text.length();
    if (offset > text.length()) {
      pending.merge(offset, piece, (a, b) -> a.length() >= b.length() ? a : b);
      while (pending.size() > MAX_PENDING) {
        pending.pollLastEntry();
      }
      return false;
    }
    extend(offset, piece);
    Map.Entry<Integer, String> next;
    while ((next = pending.firstEntry()) != null && next.getKey() <= text.length()) {
      pending.pollFirstEntry();
      extend(next.getKey(), next.getValue());
    }
    return text.length() > before;
  }

  private void extend(int offset, String piece) {
    int known = text.length() - offset;
    if (known < piece.length()) {
      text.append(piece, known, piece.length());
    }
  }

  public int length() {
    return text.length();
  }

  /** The text from {@code offset} on (empty at or beyond the end). */
  public String from(int offset) {
    return offset >= text.length() ? "" : text.substring(Math.max(0, offset));
  }

  /** Whether pieces wait behind a gap, i.e. something was missed and should be asked for again. */
  public boolean hasGap() {
    return !pending.isEmpty();
  }
}
