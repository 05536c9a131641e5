package dev.parley.platform.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc",
        "0f8fad5b-d9cb-469f-a165-70867728950e",
        "req_42.retry:2",
        "svc@host/trace+id=",
      })
  void keepsASafeId(String given) {
    assertEquals(given, RequestIds.acceptOrGenerate(given));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "two words",
        "line\nbreak",
        "forged\r\n{\"status\":200}",
        "quote\"",
        "semi;colon",
        "ünïcode",
      })
  void replacesAnUnsafeOrMissingIdByAUuid(String given) {
    String id = RequestIds.acceptOrGenerate(given);
    assertNotEquals(given, id);
    assertEquals(4, UUID.fromString(id).version());
    assertEquals(2, UUID.fromString(id).variant());
  }

  @org.junit.jupiter.api.Test
  void limitsTheLength() {
    String longest = "a".repeat(RequestIds.MAX_LENGTH);
    assertEquals(longest, RequestIds.acceptOrGenerate(longest));
    assertNotEquals(longest + "a", RequestIds.acceptOrGenerate(longest + "a"));
  }

  @org.junit.jupiter.api.Test
  void generatedIdsDiffer() {
    assertTrue(!RequestIds.generate().equals(RequestIds.generate()));
  }
}
