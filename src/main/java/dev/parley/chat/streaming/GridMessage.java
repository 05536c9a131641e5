package dev.parley.chat.streaming;

/**
 * One message between instances about a reply, as a plain string on the data grid (no classes of
 * Parley's cross the grid, so members running different versions of the WAR still understand each
 * other): {@code kind LF replyId LF offset LF sender LF text}. The text comes last and may hold
 * anything, line breaks included; the sender is an instance id.
 */
record GridMessage(Kind kind, long replyId, int offset, String sender, String text) {

  enum Kind {
    /** Follower to owner: mirror the reply for me from {@code offset} (also renews the lease). */
    FOLLOW('F'),
    /** Follower to owner: none of my clients follows the reply any more. */
    UNFOLLOW('U'),
    /** Owner to follower: the reply's text from {@code offset}. */
    TEXT('T'),
    /** Owner to follower: the reply ended (and is stored) at length {@code offset}. */
    END('E'),
    /** Owner to follower: I do not have this reply (any more): read the stored row. */
    GONE('G'),
    /** Anyone to owner: stop the reply now. */
    STOP('S');

    final char code;

    Kind(char code) {
      this.code = code;
    }

    static Kind of(char code) {
      for (Kind kind : values()) {
        if (kind.code == code) {
          return kind;
        }
      }
      return null;
    }
  }

  GridMessage {
    if (sender.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("an instance id has no line breaks");
    }
  }

  String encode() {
    return new StringBuilder(32 + text.length())
        .append(kind.code)
        .append('\n')
        .append(replyId)
        .append('\n')
        .append(offset)
        .append('\n')
        .append(sender)
        .append('\n')
        .append(text)
        .toString();
  }

  /** The message, or null if {@code encoded} is not one (a newer or broken sender). */
  static GridMessage decode(String encoded) {
    if (encoded == null || encoded.length() < 2 || encoded.charAt(1) != '\n') {
      return null;
    }
    Kind kind = Kind.of(encoded.charAt(0));
    int idEnd = encoded.indexOf('\n', 2);
    int offsetEnd = idEnd < 0 ? -1 : encoded.indexOf('\n', idEnd + 1);
    int senderEnd = offsetEnd < 0 ? -1 : encoded.indexOf('\n', offsetEnd + 1);
    if (kind == null || senderEnd < 0) {
      return null;
    }
    try {
      long replyId = Long.parseLong(encoded, 2, idEnd, 10);
      int offset = Integer.parseInt(encoded, idEnd + 1, offsetEnd, 10);
      if (replyId <= 0 || offset < 0) {
        return null;
      }
      return new GridMessage(
          kind,
          replyId,
          offset,
          encoded.substring(offsetEnd + 1, senderEnd),
          encoded.substring(senderEnd + 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
