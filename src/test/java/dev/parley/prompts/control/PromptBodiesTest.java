package dev.parley.prompts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.errors.BadRequest;
import dev.parley.platform.errors.Unprocessable;
import dev.parley.platform.json.JsonBodies;
import dev.parley.prompts.entity.PromptChanges;
import dev.parley.prompts.entity.PromptRequest;
import dev.parley.prompts.entity.PromptText;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptBodiesTest {

  static final PromptText CURRENT =
      new PromptText("Title", "Content {x}", "scenario", "description", "{\"a\":1}");

  @Test
  void absentFieldsStayAndNullClearsOptionalOnes() {
    PromptChanges changes = changes("{\"description\":null,\"scenario\":\"new\",\"unknown\":5}");
    assertTrue(changes.has(PromptChanges.DESCRIPTION));
    assertFalse(changes.has(PromptChanges.TITLE));
    PromptText merged = PromptBodies.merge(CURRENT, changes);
    assertEquals(new PromptText("Title", "Content {x}", "new", null, "{\"a\":1}"), merged);
  }

  @Test
  void metadataIsReplacedOrCleared() {
    assertEquals(
        "{\"b\":[true]}",
        PromptBodies.merge(CURRENT, changes("{\"metadata\":{\"b\":[true]}}")).metadata());
    assertNull(PromptBodies.merge(CURRENT, changes("{\"metadata\":null}")).metadata());
    assertEquals(JsonValue.EMPTY_JSON_OBJECT, PromptBodies.metadata(null));
    assertEquals(
        Json.createObjectBuilder().add("a", 1).build(), PromptBodies.metadata("{\"a\":1}"));
  }

  @Test
  void requiredFieldsCannotBeCleared() {
    assertEquals(
        "title cannot be cleared",
        assertThrows(
                Unprocessable.class, () -> PromptBodies.merge(CURRENT, changes("{\"title\":null}")))
            .detail());
    assertEquals(
        "content cannot be cleared",
        assertThrows(
                Unprocessable.class,
                () -> PromptBodies.merge(CURRENT, changes("{\"content\":null}")))
            .detail());
    assertThrows(
        Unprocessable.class, () -> PromptBodies.merge(CURRENT, changes("{\"content\":\" \"}")));
  }

  @Test
  void wrongJsonTypesAndBodiesAre400() {
    assertThrows(BadRequest.class, () -> changes("{\"title\":1}"));
    assertThrows(BadRequest.class, () -> changes("{\"is_template\":\"yes\"}"));
    assertThrows(BadRequest.class, () -> changes("[]"));
    assertThrows(BadRequest.class, () -> changes("{\"title\":"));
    assertThrows(BadRequest.class, () -> changes(""));
    assertThrows(Unprocessable.class, () -> changes("{\"metadata\":[1]}"));
  }

  @Test
  void metadataIsLimitedAsSerializedText() {
    String fits = "x".repeat(10_240 - "{\"k\":\"\"}".length());
    PromptRequest ok =
        new PromptRequest(
            "t", "c", null, null, Json.createObjectBuilder().add("k", fits).build(), null);
    assertEquals(10_240, PromptBodies.text(ok).metadata().length());
    PromptRequest tooBig =
        new PromptRequest(
            "t", "c", null, null, Json.createObjectBuilder().add("k", fits + "x").build(), null);
    assertThrows(Unprocessable.class, () -> PromptBodies.text(tooBig));
    PromptRequest notObject =
        new PromptRequest("t", "c", null, null, Json.createArrayBuilder().build(), null);
    assertEquals(
        PromptRequest.METADATA_NOT_OBJECT,
        assertThrows(Unprocessable.class, () -> PromptBodies.text(notObject)).detail());
    assertNull(
        PromptBodies.text(new PromptRequest("t", "c", null, null, JsonValue.NULL, null))
            .metadata());
  }

  @Test
  void variablesAcceptStringsNumbersAndBooleans() {
    assertEquals(
        Map.of("s", "text", "n", "3", "f", "2.5", "t", "true", "F", "false"),
        PromptBodies.variables(
            Json.createObjectBuilder()
                .add("s", "text")
                .add("n", 3)
                .add("f", 2.5)
                .add("t", true)
                .add("F", false)
                .build()));
    assertEquals(Map.of(), PromptBodies.variables(null));
    assertEquals(Map.of(), PromptBodies.variables(JsonValue.NULL));
    assertThrows(
        Unprocessable.class, () -> PromptBodies.variables(Json.createArrayBuilder().build()));
    assertThrows(
        Unprocessable.class,
        () ->
            PromptBodies.variables(
                Json.createObjectBuilder().add("a", Json.createArrayBuilder()).build()));
    assertThrows(
        Unprocessable.class,
        () -> PromptBodies.variables(Json.createObjectBuilder().addNull("a").build()));
  }

  /** Bodies reach {@link PromptBodies#changes} parsed, as the request filter parses them. */
  private static PromptChanges changes(String body) {
    return PromptBodies.changes(JsonBodies.parse(body.getBytes(StandardCharsets.UTF_8)));
  }
}
