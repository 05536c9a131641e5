package dev.parley.prompts.control;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Parses and renders prompt templates. Plain Java, no container types.
 *
 * <p>The syntax, decided once and applied everywhere:
 *
 * <ol>
 *   <li>{@code {name}} is a placeholder when {@code name} matches {@code [A-Za-z_][A-Za-z0-9_]*}.
 *   <li>{@code {{} and {@code }}} stand for a literal {@code {} and {@code }} (so {@code {{name}}} renders as the
 *       text {@code {name}}).
 *   <li>Everything else is literal text, never an error: a lone {@code {} or {@code }}, an unclosed
 *       {@code {name}, and braces around anything that is not a name ({@code {bad name}}, {@code {1st}},
 *       {@code {}}, JSON such as {@code {"a": 1}}).
 *   <li>Values are inserted as they are: a value containing braces is never parsed again.
 *   <li>{@link #variables()} lists each name once, in order of first appearance. Rendering needs a value for
 *       every name ({@link MissingVariables} names the missing ones, in that order); extra values are ignored.
 * </ol>
 */
public final class TemplateRenderer {

  private sealed interface Segment permits Text, Placeholder {}

  private record Text(String text) implements Segment {}

  private record Placeholder(String name) implements Segment {}

  /**
   * Rendering without a value for some placeholders; {@link #names()} lists them in order of
   * appearance.
   */
  public static final class MissingVariables extends IllegalArgumentException {

    private final List<String> names;

    MissingVariables(List<String> names) {
      super("missing variables: " + String.join(", ", names));
      this.names = List.copyOf(names);
    }

    public List<String> names() {
      return names;
    }
  }

  /** The rendered text would exceed the allowed length; nothing was built. */
  public static final class TooLong extends IllegalArgumentException {

    TooLong(long length, int maxChars) {
      super(
          "the rendered prompt would be "
              + length
              + " characters long; at most "
              + maxChars
              + " are allowed");
    }
  }

  private final List<Segment> segments;
  private final List<String> variables;

  private TemplateRenderer(List<Segment> segments) {
    this.segments = List.copyOf(segments);
    Set<String> names = new LinkedHashSet<>();
    for (Segment segment : segments) {
      if (segment instanceof Placeholder placeholder) {
        names.add(placeholder.name());
      }
    }
    this.variables = List.copyOf(names);
  }

  public static TemplateRenderer parse(String template) {
    Objects.requireNonNull(template);
    List<Segment> segments = new ArrayList<>();
    StringBuilder text = new StringBuilder(template.length());
    int length = template.length();
    int i = 0;
    while (i < length) {
      char c = template.charAt(i);
      if (c == '{') {
        if (i + 1 < length && template.charAt(i + 1) == '{') {
          text.append('{');
          i += 2;
          continue;
        }
        int end = nameEnd(template, i + 1);
        if (end > i + 1 && end < length && template.charAt(end) == '}') {
          if (!text.isEmpty()) {
            segments.add(new Text(text.toString()));
            text.setLength(0);
          }
          segments.add(new Placeholder(template.substring(i + 1, end)));
          i = end + 1;
          continue;
        }
        text.append('{');
        i++;
      } else if (c == '}') {
        text.append('}');
        i += i + 1 < length && template.charAt(i + 1) == '}' ? 2 : 1;
      } else {
        text.append(c);
        i++;
      }
    }
    if (!text.isEmpty()) {
      segments.add(new Text(text.toString()));
    }
    return new TemplateRenderer(segments);
  }

  /** The placeholder names of {@code template}, each once, in order of first appearance. */
  public static List<String> variablesOf(String template) {
    return parse(template).variables();
  }

  public List<String> variables() {
    return variables;
  }

  /**
   * The text with every placeholder replaced by its value, at most {@code maxChars} long: the
   * length is computed before anything is built, so a placeholder repeated a thousand times with a
   * megabyte value costs no memory.
   */
  public String render(Map<String, String> values, int maxChars) {
    List<String> missing = variables.stream().filter(name -> values.get(name) == null).toList();
    if (!missing.isEmpty()) {
      throw new MissingVariables(missing);
    }
    long length = 0;
    for (Segment segment : segments) {
      length +=
          segment instanceof Text literal
              ? literal.text().length()
              : values.get(((Placeholder) segment).name()).length();
    }
    if (length > maxChars) {
      throw new TooLong(length, maxChars);
    }
    StringBuilder out = new StringBuilder((int) length);
    for (Segment segment : segments) {
      if (segment instanceof Text literal) {
        out.append(literal.text());
      } else if (segment instanceof Placeholder placeholder) {
        out.append(values.get(placeholder.name()));
      }
    }
    return out.toString();
  }

  /**
   * The index after the longest name starting at {@code start} ({@code start} itself when there is
   * none).
   */
  private static int nameEnd(String template, int start) {
    int i = start;
    while (i < template.length()) {
      char c = template.charAt(i);
      boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
      boolean digit = c >= '0' && c <= '9';
      if (letter || digit && i > start) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }
}
