package dev.parley.prompts.entity;

import dev.parley.platform.json.Timestamps;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * A prompt as the API shows it: the spec's fields plus {@code variables}, the placeholder names of
 * the content in order of first appearance. {@code metadata} is always an object ({@code {}} when
 * none was set).
 */
@JsonbPropertyOrder({
  "id",
  "title",
  "content",
  "scenario",
  "description",
  "metadata",
  "template",
  "usageCount",
  "variables",
  "createdAt",
  "updatedAt"
})
public record PromptView(
    long id,
    String title,
    String content,
    String scenario,
    String description,
    JsonObject metadata,
    @JsonbProperty("is_template") boolean template,
    long usageCount,
    List<String> variables,
    String createdAt,
    String updatedAt) {

  /**
   * {@code metadata} is the parsed metadata (an empty object when none), {@code variables} the
   * content's names.
   */
  public static PromptView of(Prompt prompt, JsonObject metadata, List<String> variables) {
    return new PromptView(
        prompt.id(),
        prompt.title(),
        prompt.content(),
        prompt.scenario(),
        prompt.description(),
        metadata,
        prompt.isTemplate(),
        prompt.usageCount(),
        List.copyOf(variables),
        Timestamps.format(prompt.createdAt()),
        Timestamps.format(prompt.updatedAt()));
  }
}
