package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/models} with a configured (fake) provider. */
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
    assertEquals(List.of("gpt-4", "gpt-4o", "gpt-3.5-turbo"), ids);
    JsonObject first = data.getJsonObject(0);
    assertEquals("model", first.getString("object"));
    assertEquals("gpt-4", first.getString("upstream_id"));
    assertTrue(first.getString("provider").startsWith("openai-compatible"), first::toString);
    assertFalse(first.getBoolean("simulated"));
  }
}
