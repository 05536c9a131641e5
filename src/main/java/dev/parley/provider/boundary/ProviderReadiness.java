package dev.parley.provider.boundary;

import dev.parley.provider.control.Providers;
import dev.parley.provider.entity.ModelDescriptor;
import dev.parley.provider.entity.ProviderSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when providers are configured (or, in development mode, the built-in simulator answers),
 * with one data entry per provider: its dialect and the models it serves. It checks configuration,
 * not the providers' own health: a provider outage is a 502 per request (or a fallback), not a
 * reason to take every instance out of the load balancer.
 */
@Readiness
@ApplicationScoped
public class ProviderReadiness implements HealthCheck {

  static final String NAME = "provider";

  @Inject Providers providers;

  @Override
  public HealthCheckResponse call() {
    return of(providers.all(), providers.models());
  }

  static HealthCheckResponse of(
      Map<String, ProviderSettings> all, Map<String, ModelDescriptor> models) {
    if (all.isEmpty()) {
      return HealthCheckResponse.named(NAME)
          .down()
          .withData("error", "no provider configured (PARLEY_PROVIDERS or PARLEY_OPENAI_BASE_URL)")
          .build();
    }
    HealthCheckResponseBuilder up = HealthCheckResponse.named(NAME).up();
    all.values()
        .forEach(
            provider -> {
              String served =
                  models.values().stream()
                      .filter(m -> m.provider().equals(provider.name()))
                      .map(ModelDescriptor::name)
                      .collect(Collectors.joining(", "));
              up.withData(
                  provider.name(),
                  (provider.simulated() ? "simulator" : provider.kind().key())
                      + "; models: "
                      + (served.isEmpty() ? "none" : served));
            });
    return up.build();
  }
}
