package dev.parley.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One home per setting: every key the code reads is declared, with its default, in {@code
 * microprofile-config.properties} (a key without default commented out there), the code repeats no
 * default, and the reference table in {@code docs/configuration.md} lists every key under its
 * environment name with the same default.
 */
class ConfigurationDocsTest {

  static final Path BASE = Path.of(System.getProperty("basedir", "."));
  static final Path PROPERTIES =
      BASE.resolve("src/main/resources/META-INF/microprofile-config.properties");
  static final Path DOCS = BASE.resolve("docs/configuration.md");

  /**
   * A key in the code: a {@code "parley.x.y"} literal where settings are read ({@code
   * ConfigProperty}, a constant, {@code getValue}); metric names look alike but are not settings.
   */
  static final Pattern KEY_LITERAL =
      Pattern.compile(
          "(?:ConfigProperty\\(name = |static final String \\w+ = |Value\\()"
              + "\"(parley\\.[a-z0-9.-]*[a-z0-9])\"");

  /** Former names still read for old deployments: documented beside their new names. */
  static final Set<String> FORMER = Set.of("parley.model-context-budgets");

  static final Pattern DECLARED = Pattern.compile("(?m)^#?(parley\\.[a-z0-9.-]+)=(.*)$");
  static final Pattern ROW = Pattern.compile("(?m)^\\| `([A-Z0-9_<>]+)`[^|]*\\| ([^|]*) \\|");

  @Test
  void everyKeyTheCodeReadsIsDeclaredWithItsDefaultInOnePlace() {
    Map<String, String> declared = declared();
    Set<String> read = keysInCode();
    Set<String> undeclared = new TreeSet<>(read);
    undeclared.removeAll(declared.keySet());
    undeclared.removeAll(FORMER);
    // a prefix the code completes (parley.db + .url, .user): declared when its keys are
    undeclared.removeIf(key -> declared.keySet().stream().anyMatch(d -> d.startsWith(key + ".")));
    assertEquals(
        Set.of(), undeclared, "keys the code reads but the properties file does not declare");
    List<String> defaultsInCode =
        grepCode(Pattern.compile("@ConfigProperty\\(\\s*name = \"parley[^)]*defaultValue"));
    // (MicroProfile JWT's mp.jwt.* are the server's settings: the development issuer keeps its own)
    assertEquals(List.of(), defaultsInCode, "defaults belong in the properties file only");
  }

  @Test
  void theReferenceTableListsEveryKeyWithTheSameDefault() {
    Map<String, String> table = table();
    declared()
        .forEach(
            (key, value) -> {
              String env = key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
              String row = rowFor(table, env);
              assertTrue(row != null, () -> env + " (" + key + ") is not in docs/configuration.md");
              String cell = table.get(row);
              // a default with "..." in the table is shortened on purpose (the database URL)
              if (!value.isEmpty()
                  && cell.matches("`[^`]*`")
                  && !cell.contains("...")
                  && !row.contains("<")) {
                assertEquals(
                    "`" + value + "`", cell, () -> env + ": the table's default is not the file's");
              }
            });
  }

  @Test
  void everySettingOfTheTableExists() {
    Set<String> envs =
        declared().keySet().stream()
            .map(key -> key.toUpperCase().replaceAll("[^A-Z0-9]", "_"))
            .collect(Collectors.toSet());
    for (String row : table().keySet()) {
      if (!row.startsWith("PARLEY_")) {
        continue; // MP_JWT_*: MicroProfile JWT's own settings
      }
      Pattern pattern = Pattern.compile(row.replaceAll("<[A-Z]+>", "[A-Z0-9]+"));
      assertTrue(
          envs.stream().anyMatch(env -> pattern.matcher(env).matches())
              || row.contains(
                  "<NAME>"), // providers' settings: parley.provider.<name>.*, no default
          () -> row + " in docs/configuration.md is no setting of microprofile-config.properties");
    }
  }

  /** The table's row for {@code env}: its own, or a pattern row such as PARLEY_TIERS_<TIER>_... */
  private static String rowFor(Map<String, String> table, String env) {
    if (table.containsKey(env)) {
      return env;
    }
    return table.keySet().stream()
        .filter(row -> row.contains("<"))
        .filter(row -> env.matches(row.replaceAll("<[A-Z]+>", "[A-Z0-9]+")))
        .findFirst()
        .orElse(null);
  }

  static Map<String, String> declared() {
    Map<String, String> keys = new LinkedHashMap<>();
    Matcher matcher = DECLARED.matcher(read(PROPERTIES));
    while (matcher.find()) {
      keys.put(matcher.group(1), matcher.group(2).trim());
    }
    return keys;
  }

  /** Env names (first column) to their default (second column) in docs/configuration.md. */
  static Map<String, String> table() {
    Map<String, String> rows = new LinkedHashMap<>();
    Matcher matcher = ROW.matcher(read(DOCS));
    while (matcher.find()) {
      rows.put(matcher.group(1), matcher.group(2).trim());
    }
    return rows;
  }

  static Set<String> keysInCode() {
    Set<String> keys = new TreeSet<>();
    for (Path source : sources()) {
      Matcher matcher = KEY_LITERAL.matcher(read(source));
      while (matcher.find()) {
        keys.add(matcher.group(1));
      }
    }
    return keys;
  }

  static List<String> grepCode(Pattern pattern) {
    return sources().stream()
        .filter(source -> pattern.matcher(read(source)).find())
        .map(Path::toString)
        .toList();
  }

  static List<Path> sources() {
    try (Stream<Path> files = Files.walk(BASE.resolve("src/main/java"))) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
