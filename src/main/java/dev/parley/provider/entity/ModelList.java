package dev.parley.provider.entity;

import java.util.List;

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
      String ownedBy,
      String upstreamId,
      String provider,
      String providerKind,
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
