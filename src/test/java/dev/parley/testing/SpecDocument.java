package dev.parley.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the product spec ({@code docs/chat-api.md}) says about each endpoint, read from its
 * markdown: the endpoints (a line that is just {@code METHOD /path}, fenced or in backticks), per
 * endpoint the JSON examples of the request and the response (the fence's nearest label says
 * which), the parameter names of its bullet lists, and the error codes of its {@code ##} section
 * (one qualified like "(for deletion)" only for the endpoints whose heading names that, e.g.
 * "Delete Chat Session"); errors listed in a section without endpoints apply to all, with the
 * example error body.
 */
public record SpecDocument(
    List<Endpoint> endpoints, Set<Integer> commonErrors, List<JsonObject> errorExamples) {

  /** One endpoint of the spec. */
  public record Endpoint(
      String method,
      String path,
      List<JsonObject> requestExamples,
      List<JsonObject> responseExamples,
      Set<String> parameters,
      Set<Integer> errors) {

    /** Method and path with parameter names left out: {@code DELETE /v1/chat/sessions/{}}. */
    public String key() {
      return SpecDocument.key(method, path);
    }
  }

  private static final Pattern ENDPOINT =
      Pattern.compile("^`?(GET|POST|PUT|PATCH|DELETE) (/[^\\s`?]*)`?$");
  private static final Pattern MENTION =
      Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/[^\\s`?]*)[^`]*`");
  private static final Pattern BULLET_NAME = Pattern.compile("^- `([a-z_][a-z0-9_]*)`");
  private static final Pattern BULLET_STATUS =
      Pattern.compile("^- `(\\d{3})\\b[^(]*(?:\\(for (\\w+)\\))?");
  private static final Pattern HEADING = Pattern.compile("^(#+)\\s+(.*)$");
  private static final Pattern BOLD_LABEL = Pattern.compile("^\\*\\*(.+?):?\\*\\*:?.*$");
  // the spec writes types where values belong: "session_id": integer
  private static final Pattern TYPE_PLACEHOLDER =
      Pattern.compile(":\\s*(string|integer|float|boolean|number)\\b");

  public static SpecDocument read(Path markdown) {
    try {
      return parse(Files.readString(markdown));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SpecDocument parse(String markdown) {
    Parser parser = new Parser();
    markdown.lines().forEach(parser::line);
    parser.end();
    return new SpecDocument(
        List.copyOf(parser.endpoints), Set.copyOf(parser.commonErrors), parser.errorExamples);
  }

  /**
   * Every {@code METHOD /path} that a markdown text names in backticks anywhere (e.g. the README's
   * endpoint table), as {@link Endpoint#key()}s.
   */
  public static Set<String> mentionedEndpoints(String markdown) {
    Set<String> keys = new TreeSet<>();
    Matcher matcher = MENTION.matcher(markdown);
    while (matcher.find()) {
      keys.add(key(matcher.group(1), matcher.group(2)));
    }
    return keys;
  }

  public static String key(String method, String path) {
    return method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("\\{[^}]*}", "{}");
  }

  /** Parses the JSON of a spec example, whose values may be type names instead of values. */
  static JsonObject example(String text) {
    String json = TYPE_PLACEHOLDER.matcher(text).replaceAll(": null");
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  private static final class Parser {

    final List<Endpoint> endpoints = new ArrayList<>();
    final Set<Integer> commonErrors = new LinkedHashSet<>();
    final List<JsonObject> errorExamples = new ArrayList<>();

    private final List<Endpoint> section = new ArrayList<>();
    private final Map<Integer, String> sectionErrors = new LinkedHashMap<>(); // status -> "for"
    private final Map<Endpoint, String> headings =
        new IdentityHashMap<>(); // records: mutable lists inside
    private final List<JsonObject> sectionErrorExamples = new ArrayList<>();
    private Endpoint current;
    private String label = "";
    private final String[] headingPath = new String[7]; // the open headings, by level
    private String fence; // null outside a fence, else its language ("" if none)
    private StringBuilder fenced;

    void line(String raw) {
      String line = raw.strip();
      if (line.startsWith("```")) {
        if (fence == null) {
          fence = line.substring(3).strip().toLowerCase(Locale.ROOT);
          fenced = new StringBuilder();
        } else {
          if (fence.equals("json")) {
            json(fenced.toString());
          }
          fence = null;
        }
        return;
      }
      if (fence != null) {
        fenced.append(raw).append('\n');
        if (fence.isEmpty()) {
          endpoint(line);
        }
        return;
      }
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        int level = Math.min(heading.group(1).length(), 6);
        if (level <= 2) {
          endSection();
        }
        label = heading.group(2);
        headingPath[level] = label;
        Arrays.fill(headingPath, level + 1, headingPath.length, null);
        return;
      }
      if (endpoint(line)) {
        return;
      }
      Matcher status = BULLET_STATUS.matcher(line);
      if (status.find()) {
        String qualifier = status.group(2);
        sectionErrors.put(Integer.valueOf(status.group(1)), qualifier == null ? "" : qualifier);
        return;
      }
      Matcher name = BULLET_NAME.matcher(line);
      if (name.find() && current != null) {
        current.parameters().add(name.group(1));
        return;
      }
      Matcher bold = BOLD_LABEL.matcher(line);
      if (bold.matches()) {
        label = bold.group(1);
      } else if (line.endsWith(":") && !line.startsWith("-")) {
        label = line;
      }
    }

    private boolean endpoint(String line) {
      Matcher matcher = ENDPOINT.matcher(line);
      if (!matcher.matches()) {
        return false;
      }
      current =
          new Endpoint(
              matcher.group(1),
              matcher.group(2),
              new ArrayList<>(),
              new ArrayList<>(),
              new LinkedHashSet<>(),
              new LinkedHashSet<>());
      section.add(current);
      headings.put(
          current,
          Arrays.stream(headingPath).filter(Objects::nonNull).collect(Collectors.joining(" / ")));
      return true;
    }

    private void json(String text) {
      String kind = label.toLowerCase(Locale.ROOT);
      if (kind.contains("error")) {
        sectionErrorExamples.add(example(text));
      } else if (current != null && kind.contains("request")) {
        current.requestExamples().add(example(text));
      } else if (current != null && kind.contains("response")) {
        current.responseExamples().add(example(text));
      }
    }

    /** "deletion" concerns "Delete Chat Session": the heading has the qualifier's stem. */
    private static boolean concerns(String heading, String qualifier) {
      String stem = qualifier.toLowerCase(Locale.ROOT);
      stem = stem.substring(0, Math.min(stem.length(), 5));
      return heading.toLowerCase(Locale.ROOT).contains(stem);
    }

    /** A fence still open at the end runs to the end of the document (as in CommonMark). */
    void end() {
      if (fence != null) {
        line("```");
      }
      endSection();
    }

    void endSection() {
      if (section.isEmpty()) {
        commonErrors.addAll(sectionErrors.keySet());
        errorExamples.addAll(sectionErrorExamples);
      } else {
        section.forEach(
            endpoint ->
                sectionErrors.forEach(
                    (status, qualifier) -> {
                      if (concerns(headings.get(endpoint), qualifier)) {
                        endpoint.errors().add(status);
                      }
                    }));
        endpoints.addAll(section);
      }
      section.clear();
      sectionErrors.clear();
      sectionErrorExamples.clear();
      current = null;
      label = "";
    }
  }
}
