package dev.parley.provider.entity;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /v1/models}: OpenAI's list shape plus Parley's provider fields. */
public record ModelList(String object, List<Model> data) {

  /**
   * One model: OpenAI's fields, the upstream id, the provider serving it and its dialect, the
   * models that answer instead when its provider fails before the first token, and whether it is
   * simulated.
   */
  public record Model(
      String id,
      String object,
      long created,
      @Schema(description = "The provider's name (the simulator's: `parley`)") String ownedBy,
      @Schema(description = "The model's id at its provider") String upstreamId,
      @Schema(description = "The configured provider that serves the model") String provider,
      @Schema(
              enumeration = {"openai", "anthropic"},
              description = "The provider's API: OpenAI-compatible or Anthropic's Messages API")
          String providerKind,
      @Schema(
              description =
                  "Models tried in order when this one's provider fails before its first token")
          List<String> fallbacks,
      boolean simulated) {

    static Model of(ModelDescriptor descriptor) {
      return new Model(
          descriptor.name(),
          "model",
          0,
          descriptor.simulated() ? "parley" : descriptor.provider(),
          descriptor.upstreamId(),
          descriptor.provider(),
          descriptor.kind().key(),
          descriptor.fallbacks(),
          descriptor.simulated());
    }
  }

  public static ModelList of(List<ModelDescriptor> models) {
    return new ModelList("list", models.stream().map(Model::of).toList());
  }
}
