package dev.parley.chat.streaming;

import dev.parley.platform.errors.BadRequest;

/**
 * The SSE {@code id:} of a token event: {@code <replyId>.<offset>}, where offset is the length of
 * the reply's text up to and including this event, in UTF-16 code units (what Java's and
 * JavaScript's {@code String.length} count). The text a client holds after the event with id {@code
 * r.n} is exactly the first n characters of reply r as stored, so a resume from that id sends the
 * stored text from n on. The offset counts the text as the provider sent it, before SSE line-break
 * normalization (a CR or CRLF arrives as LF).
 *
 * <p>{@link #parse} reads client input ({@code Last-Event-ID}): bounded, digits only, no signs, no
 * overflow.
 */
public record ReplyEventId(long replyId, int offset) {

  /** Longer than any id this API sends (19 + 1 + 10 digits). */
  static final int MAX_LENGTH = 40;

  static final String MALFORMED =
      "Last-Event-ID must be the id of an event of this reply, <reply>.<offset> as sent in its"
          + " id: field";

  public ReplyEventId {
    if (replyId <= 0 || offset < 0) {
      throw new IllegalArgumentException("reply id must be positive and offset not negative");
    }
  }

  public static String format(long replyId, int offset) {
    return replyId + "." + offset;
  }

  @Override
  public String toString() {
    return format(replyId, offset);
  }

  /** The id a client sent, or null when it sent none (null or blank); 400 when malformed. */
  public static ReplyEventId parse(String text) {
    if (text == null) {
      return null;
    }
    String value = text.strip();
    if (value.isEmpty()) {
      return null;
    }
    if (value.length() > MAX_LENGTH) {
      throw new BadRequest(MALFORMED);
    }
    int dot = value.indexOf('.');
    if (dot <= 0 || dot == value.length() - 1) {
      throw new BadRequest(MALFORMED);
    }
    long reply = digits(value, 0, dot, Long.MAX_VALUE);
    long offset = digits(value, dot + 1, value.length(), Integer.MAX_VALUE);
    if (reply <= 0) {
      throw new BadRequest(MALFORMED);
    }
    return new ReplyEventId(reply, (int) offset);
  }

  /** The decimal number in {@code text[from, to)}, at most {@code max}; 400 otherwise. */
  private static long digits(String text, int from, int to, long max) {
    if (to - from > 1 && text.charAt(from) == '0') {
      throw new BadRequest(MALFORMED); // one spelling per id: no leading zeros
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new BadRequest(MALFORMED);
      }
      int digit = c - '0';
      if (value > (max - digit) / 10) {
        throw new BadRequest(MALFORMED);
      }
      value = value * 10 + digit;
    }
    return value;
  }
}
