package dev.parley.platform.health;

import dev.parley.platform.config.RuntimeMode;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when a model provider is configured, or in development mode the built-in simulator answers.
 * It checks configuration, not the provider's own health: a provider outage is a 502 per request,
 * not a reason to take every instance out of the load balancer.
 */
@Readiness
@ApplicationScoped
public class ProviderCheck implements HealthCheck {

  static final String NAME = "provider";

  @Override
  public HealthCheckResponse call() {
    return of(RuntimeMode.fromSystem());
  }

  static HealthCheckResponse of(RuntimeMode mode) {
    if (mode.simulator()) {
      return HealthCheckResponse.named(NAME).up().withData("mode", "simulator").build();
    }
    if (mode.providerConfigured()) {
      return HealthCheckResponse.named(NAME).up().withData("mode", "openai-compatible").build();
    }
    return HealthCheckResponse.named(NAME)
        .down()
        .withData("error", "no provider configured (PARLEY_OPENAI_BASE_URL)")
        .build();
  }
}
