package dev.parley.platform.json;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;

/**
 * Text fields accept only JSON strings: JSON-B would quietly turn {@code 5} or {@code true} into
 * {@code "5"}, and a wrong JSON type is the client's error (400), not something to guess around.
 */
public class StrictStringDeserializer implements JsonbDeserializer<String> {

  @Override
  public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
    // getValue(), not currentEvent(): Yasson's parser does not support the latter
    JsonValue value = parser.getValue();
    if (value instanceof JsonString text) {
      return text.getString();
    }
    if (value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    throw new JsonbException("expected a JSON string but found " + value.getValueType());
  }
}
