package dev.parley.prompts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Fuzz;
import dev.parley.testing.Property;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateRendererTest {

  static final int LIMIT = 1_000_000;

  static final Map<String, String> VALUES = Map.of("name", "Ada", "lang", "Java", "_x1", "X");

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "Hello {name}!                | Hello Ada!",
        "{name}                       | Ada",
        "{name}{lang}                 | AdaJava",
        "{name} and {name}            | Ada and Ada",
        "{_x1}                        | X",
        "{{name}}                     | {name}",
        "{{{name}}}                   | {Ada}",
        "{{                           | {",
        "}}                           | }",
        "a { b                        | a { b",
        "a } b                        | a } b",
        "{                            | {",
        "}                            | }",
        "{}                           | {}",
        "{name                        | {name",
        "name}                        | name}",
        "{bad name}                   | {bad name}",
        "{ name }                     | { name }",
        "{1st}                        | {1st}",
        "{na-me}                      | {na-me}",
        "{name}}                      | Ada}",
        "{{name}                      | {name}",
        "`{\"a\": 1}`                 | `{\"a\": 1}`",
        "`if (x) { return {name}; }`  | `if (x) { return Ada; }`",
        "plain text                   | plain text",
        "``                           | ``",
        "{näme}                       | {näme}",
      })
  void rendersPlaceholdersAndTreatsEverythingElseAsText(String template, String expected) {
    assertEquals(expected, TemplateRenderer.parse(template).render(VALUES, LIMIT));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "Summarize {text} in {lang}, then {text} again | text,lang",
        "{b}{a}{b}{c}{a}                              | b,a,c",
        "{{escaped}} {real}                           | real",
        "no placeholders                              | ``",
        "{bad name} {ok_1} {2bad}                     | ok_1",
        "{A}{a}                                       | A,a",
      })
  void listsVariablesOnceInOrderOfFirstAppearance(String template, String expected) {
    List<String> names =
        expected == null || expected.isEmpty() ? List.of() : List.of(expected.split(","));
    assertEquals(names, TemplateRenderer.variablesOf(template));
  }

  @Test
  void missingVariablesAreNamedInOrderAndExtraOnesIgnored() {
    TemplateRenderer renderer = TemplateRenderer.parse("{c} {a} {b} {a}");
    TemplateRenderer.MissingVariables missing =
        assertThrows(
            TemplateRenderer.MissingVariables.class,
            () -> renderer.render(Map.of("a", "1", "zzz", "extra"), LIMIT));
    assertEquals(List.of("c", "b"), missing.names());
    assertEquals("missing variables: c, b", missing.getMessage());
    assertEquals(
        "3 1 2 1", renderer.render(Map.of("a", "1", "b", "2", "c", "3", "zzz", "extra"), LIMIT));
  }

  @Test
  void aNullValueCountsAsMissing() {
    Map<String, String> values = new HashMap<>();
    values.put("a", null);
    assertThrows(
        TemplateRenderer.MissingVariables.class,
        () -> TemplateRenderer.parse("{a}").render(values, LIMIT));
  }

  @Test
  void valuesAreInsertedVerbatimAndNeverParsedAgain() {
    assertEquals(
        "say {name} and {{x}} and $1 \\",
        TemplateRenderer.parse("say {v} and {w} and {d}")
            .render(Map.of("v", "{name}", "w", "{{x}}", "d", "$1 \\"), LIMIT));
  }

  @Test
  void emptyValuesAreAllowed() {
    assertEquals("[]", TemplateRenderer.parse("[{x}]").render(Map.of("x", ""), LIMIT));
  }

  @Test
  void longTextWithManyBracesIsLinear() {
    String template = "{".repeat(20_000);
    long start = System.nanoTime();
    assertEquals("{".repeat(10_000), TemplateRenderer.parse(template).render(Map.of(), LIMIT));
    String unclosed = "{abc ".repeat(4_000);
    assertEquals(unclosed, TemplateRenderer.parse(unclosed).render(Map.of(), LIMIT));
    assertEquals(true, System.nanoTime() - start < 2_000_000_000L);
  }

  @Test
  void aRepeatedPlaceholderWithAHugeValueIsRefusedBeforeAnythingIsBuilt() {
    TemplateRenderer renderer = TemplateRenderer.parse("{a}".repeat(6_000));
    String megabyte = "x".repeat(1_000_000);
    TemplateRenderer.TooLong tooLong =
        assertThrows(
            TemplateRenderer.TooLong.class, () -> renderer.render(Map.of("a", megabyte), LIMIT));
    assertTrue(tooLong.getMessage().contains("6000000000 characters"), tooLong::getMessage);
    assertEquals(
        LIMIT,
        renderer.render(Map.of("a", "x".repeat(LIMIT / 6_000)), LIMIT).length() + LIMIT % 6_000);
  }

  /**
   * Any template with any values: the rendered text, or the missing names, or too long; linear work
   * (templates up to the stored maximum, values up to a chat body).
   */
  @Test
  void anyTemplateRendersOrSaysWhyNot() {
    Property.Gen<String> templates =
        Property.Gen.oneOf(
            Property.Gen.strings(400),
            Property.Gen.lists(
                    Property.Gen.of("{", "}", "{{", "}}", "{a}", "{b1}", "{_}", " x "), 60)
                .map(parts -> String.join("", parts)));
    Property.Gen<Map<String, String>> values =
        Property.Gen.maps(
            Property.Gen.oneOf(Property.Gen.of("a", "b1", "_"), Property.Gen.strings(8)),
            Property.Gen.strings(64),
            6);
    Property.forAll(
        31,
        1000,
        random -> Map.entry(templates.next(random), values.next(random)),
        pair -> rendersOrSaysWhyNot(pair.getKey(), pair.getValue()));
  }

  private static void rendersOrSaysWhyNot(String template, Map<String, String> values) {
    Fuzz.terminates(
        () -> {
          TemplateRenderer renderer = TemplateRenderer.parse(template);
          try {
            String rendered = renderer.render(values, 4_000);
            assertTrue(rendered.length() <= 4_000);
            assertTrue(values.keySet().containsAll(renderer.variables()));
          } catch (TemplateRenderer.MissingVariables missing) {
            assertTrue(renderer.variables().containsAll(missing.names()));
          } catch (TemplateRenderer.TooLong tooLong) {
            assertTrue(tooLong.getMessage().contains("at most 4000"));
          }
          return null;
        });
  }
}
