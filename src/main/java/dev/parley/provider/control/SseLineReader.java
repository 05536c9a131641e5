package dev.parley.provider.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Reads the lines of a provider's event stream with a bound on each line: a provider (or a proxy in
 * between) that sends a 10 MB line or an endless stream without newlines must not fill the heap.
 * Lines end with LF, CR LF or CR, as SSE allows; bytes that are not UTF-8 become U+FFFD.
 */
final class SseLineReader {

  /** A line beyond the bound: the stream cannot be trusted further. */
  static final class LineTooLong extends IOException {
    LineTooLong(int maxChars) {
      super("a line of the provider's stream is longer than " + maxChars + " characters");
    }
  }

  private final Reader in;
  private final int maxChars;
  private final char[] buffer = new char[8192];
  private final StringBuilder line = new StringBuilder(256);
  private int position;
  private int limit;
  private boolean skipLf;

  SseLineReader(InputStream body, int maxChars) {
    this.in = new InputStreamReader(body, StandardCharsets.UTF_8);
    this.maxChars = maxChars;
  }

  /** The next line without its terminator, or null at the end of the stream. */
  String readLine() throws IOException {
    line.setLength(0);
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return line.isEmpty() ? null : line.toString();
        }
      }
      if (skipLf) {
        skipLf = false;
        if (buffer[position] == '\n') {
          position++;
          continue;
        }
      }
      int start = position;
      while (position < limit) {
        char c = buffer[position];
        if (c == '\n' || c == '\r') {
          append(start, position);
          position++;
          skipLf = c == '\r';
          return line.toString();
        }
        position++;
      }
      append(start, position);
    }
  }

  private void append(int from, int to) throws LineTooLong {
    if (line.length() + (to - from) > maxChars) {
      throw new LineTooLong(maxChars);
    }
    line.append(buffer, from, to - from);
  }
}
