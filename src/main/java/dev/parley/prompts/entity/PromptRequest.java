package dev.parley.prompts.entity;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/chat/prompts}. {@code metadata} must be a JSON object (checked with
 * its size by the control, 422 otherwise); {@code is_template: true} creates a system template
 * (admins only). {@code is_template} is read as a JSON value because JSON-B would quietly take
 * {@code "yes"} for {@code false}.
 */
public record PromptRequest(
    @NotBlank(message = PromptRequest.TITLE_REQUIRED)
        @Size(max = Prompt.MAX_TITLE, message = PromptRequest.TITLE_TOO_LONG)
        String title,
    @NotBlank(message = PromptRequest.CONTENT_REQUIRED)
        @Size(max = Prompt.MAX_CONTENT, message = PromptRequest.CONTENT_TOO_LONG)
        String content,
    @Size(max = Prompt.MAX_SCENARIO, message = PromptRequest.SCENARIO_TOO_LONG) String scenario,
    @Size(max = Prompt.MAX_DESCRIPTION, message = PromptRequest.DESCRIPTION_TOO_LONG)
        String description,
    JsonValue metadata,
    @JsonbProperty("is_template") JsonValue template) {

  public static final String TITLE_REQUIRED = "title is required and must not be blank";
  public static final String TITLE_TOO_LONG =
      "title must be at most " + Prompt.MAX_TITLE + " characters";
  public static final String CONTENT_REQUIRED = "content is required and must not be blank";
  public static final String CONTENT_TOO_LONG =
      "content must be at most " + Prompt.MAX_CONTENT + " characters";
  public static final String SCENARIO_TOO_LONG =
      "scenario must be at most " + Prompt.MAX_SCENARIO + " characters";
  public static final String DESCRIPTION_TOO_LONG =
      "description must be at most " + Prompt.MAX_DESCRIPTION + " characters";
  public static final String METADATA_NOT_OBJECT = "metadata must be a JSON object";
  public static final String METADATA_TOO_LARGE =
      "metadata must be at most " + Prompt.MAX_METADATA + " characters as JSON";

  public static final String TEMPLATE_NOT_BOOLEAN = "is_template must be true or false";

  /**
   * True for {@code "is_template": true}; false when absent, null or false. Any other JSON type is
   * rejected.
   */
  public boolean wantsTemplate() {
    if (template == null) {
      return false;
    }
    return switch (template.getValueType()) {
      case TRUE -> true;
      case FALSE, NULL -> false;
      default -> throw new IllegalArgumentException(TEMPLATE_NOT_BOOLEAN);
    };
  }
}
