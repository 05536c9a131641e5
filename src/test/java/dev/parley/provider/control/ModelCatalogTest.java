package dev.parley.provider.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.provider.entity.ModelDescriptor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

  @Test
  void parsesPairsInOrder() {
    Map<String, ModelDescriptor> models =
        ModelCatalog.parse(" gpt-4 = gpt-4-0613 ,fast=llama3:8b,, solo", "p", false);
    assertEquals(List.of("gpt-4", "fast", "solo"), List.copyOf(models.keySet()));
    assertEquals("gpt-4-0613", models.get("gpt-4").upstreamId());
    assertEquals("llama3:8b", models.get("fast").upstreamId());
    assertEquals("solo", models.get("solo").upstreamId());
  }

  @Test
  void rejectsEmptyCatalogueAndHalfPairs() {
    assertThrows(IllegalArgumentException.class, () -> ModelCatalog.parse(" , ", "p", false));
    assertThrows(IllegalArgumentException.class, () -> ModelCatalog.parse("a=", "p", false));
  }

  @Test
  void providerNameShowsTheHost() {
    assertEquals(
        "openai-compatible (api.openai.com)",
        ModelCatalog.providerName("https://api.openai.com/v1"));
    assertEquals("openai-compatible", ModelCatalog.providerName("::"));
  }
}
