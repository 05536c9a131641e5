package dev.parley.provider.control;

import dev.parley.platform.config.RuntimeMode;
import dev.parley.platform.errors.BadRequest;
import dev.parley.provider.entity.ModelDescriptor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The models Parley offers, from {@code PARLEY_MODELS} ({@code name=upstream-id} pairs separated by
 * commas). Every model is served by the configured OpenAI-compatible provider, or by the simulator
 * in development mode.
 */
@ApplicationScoped
public class ModelCatalog {

  public static final String SIMULATOR = "parley-simulator";

  @Inject
  @ConfigProperty(name = "parley.models")
  String models;

  @Inject
  @ConfigProperty(name = "parley.openai.base-url")
  Optional<String> baseUrl;

  private Map<String, ModelDescriptor> byName;

  @PostConstruct
  void init() {
    boolean simulated = RuntimeMode.fromSystem().simulator();
    byName = parse(models, simulated ? SIMULATOR : providerName(baseUrl.orElse("")), simulated);
  }

  public List<ModelDescriptor> all() {
    return new ArrayList<>(byName.values());
  }

  public Optional<ModelDescriptor> find(String name) {
    return Optional.ofNullable(name == null ? null : byName.get(name));
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
                        + String.join(", ", byName.keySet())));
  }

  static Map<String, ModelDescriptor> parse(String spec, String provider, boolean simulated) {
    Map<String, ModelDescriptor> result = new LinkedHashMap<>();
    for (String pair : spec.split(",")) {
      String entry = pair.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String name = (eq < 0 ? entry : entry.substring(0, eq)).trim();
      String upstream = (eq < 0 ? entry : entry.substring(eq + 1)).trim();
      if (name.isEmpty() || upstream.isEmpty()) {
        throw new IllegalArgumentException(
            "PARLEY_MODELS entry '" + entry + "' must be name=upstream-id");
      }
      result.put(name, new ModelDescriptor(name, upstream, provider, simulated));
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException("PARLEY_MODELS names no model");
    }
    return result;
  }

  static String providerName(String url) {
    try {
      String host = URI.create(url.trim()).getHost();
      return host == null ? "openai-compatible" : "openai-compatible (" + host + ")";
    } catch (IllegalArgumentException e) {
      return "openai-compatible";
    }
  }
}
