package dev.parley.prompts.entity;

import java.util.Locale;

/** Validated list filters and paging; null filters are absent. */
public record PromptQuery(
    int page, int pageSize, String scenario, boolean includeTemplates, String search) {

  /**
   * The escape character of {@link #searchPattern()} (portable: no backslash games between
   * databases).
   */
  public static final char ESCAPE = '!';

  public int offset() {
    return (page - 1) * pageSize;
  }

  /**
   * The search text as a case-insensitive {@code LIKE} pattern for "contains": lower-cased, with
   * the user's {@code %}, {@code _} and the escape character itself escaped so they match
   * literally.
   */
  public String searchPattern() {
    if (search == null) {
      return null;
    }
    StringBuilder pattern = new StringBuilder(search.length() + 8).append('%');
    for (char c : search.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '%' || c == '_' || c == ESCAPE) {
        pattern.append(ESCAPE);
      }
      pattern.append(c);
    }
    return pattern.append('%').toString();
  }
}
