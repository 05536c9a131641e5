package dev.parley.provider.entity;

import java.util.List;

/** {@code GET /v1/models}: OpenAI's list shape plus Parley's provider fields. */
public record ModelList(String object, List<Model> data) {

  /**
   * One model: OpenAI's fields, the upstream id, the provider serving it, and whether it is
   * simulated.
   */
  public record Model(
      String id,
      String object,
      long created,
      String ownedBy,
      String upstreamId,
      String provider,
      boolean simulated) {

    static Model of(ModelDescriptor descriptor) {
      return new Model(
          descriptor.name(),
          "model",
          0,
          descriptor.simulated() ? "parley" : "provider",
          descriptor.upstreamId(),
          descriptor.provider(),
          descriptor.simulated());
    }
  }

  public static ModelList of(List<ModelDescriptor> models) {
    return new ModelList("list", models.stream().map(Model::of).toList());
  }
}
