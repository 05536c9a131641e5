package dev.parley.provider.control;

import dev.parley.platform.errors.BadRequest;
import dev.parley.provider.entity.ModelDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The models Parley offers ({@code PARLEY_MODELS}, see {@link ProviderConfig}): each public name
 * with its provider, upstream id and fallbacks. In development mode without a provider every model
 * is served by the simulator.
 */
@ApplicationScoped
public class ModelCatalog {

  public static final String SIMULATOR = ProviderConfig.SIMULATOR;

  @Inject Providers providers;

  public List<ModelDescriptor> all() {
    return new ArrayList<>(providers.models().values());
  }

  public Optional<ModelDescriptor> find(String name) {
    return Optional.ofNullable(name == null ? null : providers.models().get(name));
  }

  /** The model, or 400 naming the models that exist. */
  public ModelDescriptor require(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new BadRequest(
                    "unknown model '"
                        + name
                        + "'; available: "
                        + String.join(", ", providers.models().keySet())));
  }

  /** The model followed by its fallbacks, in the order they are tried. */
  public List<ModelDescriptor> chain(ModelDescriptor model) {
    List<ModelDescriptor> chain = new ArrayList<>();
    chain.add(model);
    for (String fallback : model.fallbacks()) {
      find(fallback).ifPresent(chain::add);
    }
    return chain;
  }
}
