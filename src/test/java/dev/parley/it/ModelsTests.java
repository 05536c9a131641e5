package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/models} with configured (fake) providers. */
abstract class ModelsTests extends DeployedApi {

  @Test
  void listsTheDefaultCatalogueInOpenAiShape() {
    Api.Reply reply = Api.get("/v1/models", Users.token());
    assertEquals(200, reply.status(), reply::toString);
    JsonObject body = reply.json();
    assertEquals("list", body.getString("object"));
    JsonArray data = body.getJsonArray("data");
    List<String> ids =
        data.getValuesAs(JsonObject.class).stream().map(m -> m.getString("id")).toList();
    assertEquals(
        List.of(
            "gpt-4",
            "gpt-4o",
            "gpt-3.5-turbo",
            "claude-sonnet",
            "flaky-gpt",
            "flaky-claude",
            "unreachable"),
        ids,
        "the catalogue of the test servers, in configured order");
    JsonObject first = data.getJsonObject(0);
    assertEquals("model", first.getString("object"));
    assertEquals("gpt-4", first.getString("upstream_id"));
    assertEquals("openai", first.getString("provider"));
    assertEquals("openai", first.getString("owned_by"));
    assertFalse(first.getBoolean("simulated"));
    assertTrue(first.getJsonArray("fallbacks").isEmpty());
  }
}
