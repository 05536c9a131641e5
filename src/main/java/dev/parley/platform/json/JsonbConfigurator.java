package dev.parley.platform.json;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * One JSON-B configuration for every payload: the spec's snake_case names ({@code session_id},
 * {@code page_size}) from Java's camelCase record components, and explicit nulls so every
 * documented field is present. Text fields accept only JSON strings.
 */
@Provider
public class JsonbConfigurator implements ContextResolver<Jsonb> {

  private static final Jsonb JSONB =
      JsonbBuilder.create(
          new JsonbConfig()
              .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
              .withNullValues(true)
              .withDeserializers(new StrictStringDeserializer()));

  @Override
  public Jsonb getContext(Class<?> type) {
    return JSONB;
  }
}
