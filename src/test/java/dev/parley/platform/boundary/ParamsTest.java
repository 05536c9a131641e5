package dev.parley.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.errors.BadRequest;
import dev.parley.testing.Property;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParamsTest {

  @ParameterizedTest
  @ValueSource(strings = {"abc", "0", "-1", "1.5", "", "99999999999999999999"})
  void idsMustBePositiveIntegers(String value) {
    BadRequest e = assertThrows(BadRequest.class, () -> Params.id("session_id", value));
    assertEquals("session_id must be a positive integer", e.detail());
  }

  @Test
  void idParses() {
    assertEquals(123L, Params.id("session_id", "123"));
  }

  @ParameterizedTest
  @CsvSource({",10", "1,1", "100,100", "' 7 ',7"})
  void intInRangeAcceptsValidValuesAndDefaults(String value, int expected) {
    assertEquals(expected, Params.intInRange("page_size", value, 10, 1, 100));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "101", "x", "-5"})
  void intOutOfRangeIsBadRequest(String value) {
    assertThrows(BadRequest.class, () -> Params.intInRange("page_size", value, 10, 1, 100));
  }

  @ParameterizedTest
  @CsvSource({
    "2024-01-01T00:00:00Z, false, 2024-01-01T00:00:00Z",
    "2024-01-01T02:00:00+02:00, false, 2024-01-01T00:00:00Z",
    "2024-01-01T00:00:00.123456, false, 2024-01-01T00:00:00.123456Z",
    "2024-01-01, false, 2024-01-01T00:00:00Z",
    "2024-01-01, true, 2024-01-01T23:59:59.999999999Z"
  })
  void instantsAcceptDatesAndDateTimesTreatingZonelessAsUtc(
      String value, boolean endOfDay, String expected) {
    assertEquals(Instant.parse(expected), Params.instant("start_date", value, endOfDay));
  }

  @Test
  void instantRejectsGarbageAndIgnoresAbsence() {
    assertThrows(BadRequest.class, () -> Params.instant("start_date", "yesterday", false));
    assertNull(Params.instant("start_date", null, false));
  }

  @Test
  void booleans() {
    assertEquals(true, Params.bool("include_templates", null, true));
    assertEquals(false, Params.bool("include_templates", "false", true));
    assertThrows(BadRequest.class, () -> Params.bool("include_templates", "maybe", true));
  }

  @Test
  void dateRangesMustNotRunBackwards() {
    Params.dateRange(null, Instant.EPOCH);
    Params.dateRange(Instant.EPOCH, Instant.EPOCH);
    BadRequest e =
        assertThrows(
            BadRequest.class,
            () ->
                Params.dateRange(
                    java.time.LocalDate.of(2024, 2, 1), java.time.LocalDate.of(2024, 1, 1)));
    assertEquals("start_date must not be after end_date", e.detail());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"+999999999-12-31", "-999999999-01-01", "0000-12-31", "+10000-01-01T00:00:00Z"})
  void datesBeyondTheYears1To9999AreA400(String value) {
    BadRequest refused =
        assertThrows(BadRequest.class, () -> Params.instant("end_date", value, true));
    assertEquals("end_date must be between the years 1 and 9999", refused.detail());
  }

  /** Any query value: a parsed value or the one 400 naming the parameter, never another error. */
  @Test
  void anyParameterValueParsesOrIsA400NamingIt() {
    Property.forAll(29, 3000, Property.Gen.strings(40), ParamsTest::parsesOrNamesIt);
  }

  private static void parsesOrNamesIt(String value) {
    parsesOrNames("session_id", () -> assertTrue(Params.id("session_id", value) > 0));
    parsesOrNames("page", () -> Params.intInRange("page", value, 1, 1, 1000));
    parsesOrNames("include_templates", () -> Params.bool("include_templates", value, true));
    parsesOrNames("start_date", () -> Params.instant("start_date", value, false));
    parsesOrNames("end_date", () -> Params.instant("end_date", value, true));
  }

  private static void parsesOrNames(String name, Runnable parse) {
    try {
      parse.run();
    } catch (BadRequest refused) {
      assertTrue(refused.detail().startsWith(name + " must be"), refused::detail);
    }
  }
}
