package dev.parley.prompts.entity;

import jakarta.json.JsonObject;
import java.util.Set;

/**
 * A partial update: only the fields named in {@code present} change; a present field with a null
 * value clears it (allowed only for the optional fields). {@code isTemplate} is the sent value, if
 * any.
 */
public record PromptChanges(
    String title,
    String content,
    String scenario,
    String description,
    JsonObject metadata,
    Boolean isTemplate,
    Set<String> present) {

  public static final String TITLE = "title";
  public static final String CONTENT = "content";
  public static final String SCENARIO = "scenario";
  public static final String DESCRIPTION = "description";
  public static final String METADATA = "metadata";
  public static final String IS_TEMPLATE = "is_template";

  public PromptChanges {
    present = Set.copyOf(present);
  }

  public boolean has(String field) {
    return present.contains(field);
  }
}
