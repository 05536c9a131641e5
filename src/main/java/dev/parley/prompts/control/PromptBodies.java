package dev.parley.prompts.control;

import dev.parley.platform.errors.BadRequest;
import dev.parley.platform.errors.Unprocessable;
import dev.parley.prompts.entity.Prompt;
import dev.parley.prompts.entity.PromptChanges;
import dev.parley.prompts.entity.PromptRequest;
import dev.parley.prompts.entity.PromptText;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The JSON side of prompts, plain Java: update bodies (absent vs. null), metadata objects (kept as
 * text) and preview variables. Wrong JSON types are 400 (like every other body); rule violations
 * are 422.
 */
public final class PromptBodies {

  static final String BODY_REQUIRED = "a JSON object body is required";
  static final String VARIABLES_NOT_OBJECT = "variables must be a JSON object";

  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  private PromptBodies() {}

  /** The fields of an update body; unknown fields are ignored, as on create. */
  public static PromptChanges changes(JsonValue body) {
    JsonObject json = parseObject(body);
    Set<String> present = new HashSet<>();
    String title = text(json, PromptChanges.TITLE, present);
    String content = text(json, PromptChanges.CONTENT, present);
    String scenario = text(json, PromptChanges.SCENARIO, present);
    String description = text(json, PromptChanges.DESCRIPTION, present);
    JsonObject metadata = null;
    if (json.containsKey(PromptChanges.METADATA)) {
      present.add(PromptChanges.METADATA);
      metadata = metadataObject(json.get(PromptChanges.METADATA));
    }
    Boolean isTemplate = null;
    if (json.containsKey(PromptChanges.IS_TEMPLATE)) {
      JsonValue value = json.get(PromptChanges.IS_TEMPLATE);
      if (value.getValueType() == JsonValue.ValueType.TRUE) {
        isTemplate = true;
      } else if (value.getValueType() == JsonValue.ValueType.FALSE) {
        isTemplate = false;
      } else if (value.getValueType() != JsonValue.ValueType.NULL) {
        throw new BadRequest("is_template must be true or false");
      }
      present.add(PromptChanges.IS_TEMPLATE);
    }
    return new PromptChanges(title, content, scenario, description, metadata, isTemplate, present);
  }

  /** The text of a new prompt, checked against the same rules as an update. */
  public static PromptText text(PromptRequest request) {
    JsonObject metadata = metadataObject(request.metadata());
    return checked(
        new PromptText(
            request.title(),
            request.content(),
            request.scenario(),
            request.description(),
            serialize(metadata)));
  }

  /** The text after applying {@code changes} to {@code current}, checked. */
  public static PromptText merge(PromptText current, PromptChanges changes) {
    for (String required : new String[] {PromptChanges.TITLE, PromptChanges.CONTENT}) {
      if (changes.has(required)
          && (required.equals(PromptChanges.TITLE) ? changes.title() : changes.content()) == null) {
        throw new Unprocessable(required + " cannot be cleared");
      }
    }
    return checked(
        new PromptText(
            changes.has(PromptChanges.TITLE) ? changes.title() : current.title(),
            changes.has(PromptChanges.CONTENT) ? changes.content() : current.content(),
            changes.has(PromptChanges.SCENARIO) ? changes.scenario() : current.scenario(),
            changes.has(PromptChanges.DESCRIPTION) ? changes.description() : current.description(),
            changes.has(PromptChanges.METADATA)
                ? serialize(changes.metadata())
                : current.metadata()));
  }

  /** The stored metadata text as an object; {@code {}} when there is none. */
  public static JsonObject metadata(String stored) {
    if (stored == null || stored.isEmpty()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    try (JsonReader reader = READERS.createReader(new StringReader(stored))) {
      return reader.readObject();
    }
  }

  /**
   * Preview variables as text: strings as they are, numbers in their JSON form, booleans as {@code
   * true} / {@code false}. Absent or null means none; anything else is 422.
   */
  public static Map<String, String> variables(JsonValue variables) {
    Map<String, String> values = new LinkedHashMap<>();
    if (variables == null || variables.getValueType() == JsonValue.ValueType.NULL) {
      return values;
    }
    if (!(variables instanceof JsonObject object)) {
      throw new Unprocessable(VARIABLES_NOT_OBJECT);
    }
    object.forEach(
        (name, value) -> {
          switch (value.getValueType()) {
            case STRING -> values.put(name, ((JsonString) value).getString());
            case NUMBER -> values.put(name, ((JsonNumber) value).toString());
            case TRUE -> values.put(name, "true");
            case FALSE -> values.put(name, "false");
            default ->
                throw new Unprocessable(
                    "variables."
                        + name
                        + " must be a string, number or boolean, not "
                        + describe(value));
          }
        });
    return values;
  }

  private static PromptText checked(PromptText text) {
    require(text.title() != null && !text.title().isBlank(), PromptRequest.TITLE_REQUIRED);
    require(text.title().length() <= Prompt.MAX_TITLE, PromptRequest.TITLE_TOO_LONG);
    require(text.content() != null && !text.content().isBlank(), PromptRequest.CONTENT_REQUIRED);
    require(text.content().length() <= Prompt.MAX_CONTENT, PromptRequest.CONTENT_TOO_LONG);
    require(
        text.scenario() == null || text.scenario().length() <= Prompt.MAX_SCENARIO,
        PromptRequest.SCENARIO_TOO_LONG);
    require(
        text.description() == null || text.description().length() <= Prompt.MAX_DESCRIPTION,
        PromptRequest.DESCRIPTION_TOO_LONG);
    require(
        text.metadata() == null || text.metadata().length() <= Prompt.MAX_METADATA,
        PromptRequest.METADATA_TOO_LARGE);
    return text;
  }

  private static void require(boolean rule, String detail) {
    if (!rule) {
      throw new Unprocessable(detail);
    }
  }

  private static JsonObject metadataObject(JsonValue value) {
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonObject object) {
      return object;
    }
    throw new Unprocessable(PromptRequest.METADATA_NOT_OBJECT);
  }

  private static String serialize(JsonObject metadata) {
    return metadata == null ? null : metadata.toString();
  }

  private static String text(JsonObject json, String field, Set<String> present) {
    if (!json.containsKey(field)) {
      return null;
    }
    present.add(field);
    JsonValue value = json.get(field);
    if (value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonString string) {
      return string.getString();
    }
    throw new BadRequest(field + " must be a JSON string");
  }

  private static JsonObject parseObject(JsonValue body) {
    if (body instanceof JsonObject object) {
      return object;
    }
    throw new BadRequest(BODY_REQUIRED);
  }

  private static String describe(JsonValue value) {
    return switch (value.getValueType()) {
      case NULL -> "null";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> value.getValueType().name().toLowerCase();
    };
  }
}
