package dev.parley.provider.control;

import dev.parley.platform.config.RuntimeMode;
import dev.parley.platform.config.StartupRequirement;
import dev.parley.provider.entity.ModelDescriptor;
import dev.parley.provider.entity.ProviderSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The configured providers and model catalogue ({@link ProviderConfig}), read once. A configuration
 * with problems stops the start-up through {@code StartupCheck}, each problem naming its variable.
 */
@ApplicationScoped
public class Providers implements StartupRequirement {

  private static final Logger LOG = Logger.getLogger(Providers.class.getName());

  private ProviderConfig.Setup setup;
  private List<String> problems = List.of();

  @PostConstruct
  void init() {
    Config config = ConfigProvider.getConfig();
    try {
      setup =
          ProviderConfig.parse(
              key -> config.getOptionalValue(key, String.class),
              name -> Optional.ofNullable(System.getenv(name)),
              RuntimeMode.fromSystem().simulator());
      setup.providers().values().forEach(Providers::describe);
    } catch (ProviderConfig.Invalid invalid) {
      problems = invalid.problems();
      setup = new ProviderConfig.Setup(Map.of(), Map.of());
    }
  }

  @Override
  public List<String> problems() {
    return problems;
  }

  public Map<String, ProviderSettings> all() {
    return setup.providers();
  }

  public ProviderSettings of(ModelDescriptor model) {
    ProviderSettings provider = setup.providers().get(model.provider());
    if (provider == null) {
      throw new IllegalStateException("no provider " + model.provider() + " for " + model.name());
    }
    return provider;
  }

  /** The catalogue in configured order. */
  public Map<String, ModelDescriptor> models() {
    return setup.models();
  }

  private static void describe(ProviderSettings provider) {
    if (provider.simulated()) {
      return;
    }
    LOG.info(
        () ->
            "provider "
                + provider.name()
                + ": "
                + provider.kind().key()
                + " at "
                + provider.baseUrl()
                + (provider.hasApiKey() ? "" : ", no API key"));
  }
}
