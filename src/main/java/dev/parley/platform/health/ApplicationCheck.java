package dev.parley.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while Parley is deployed and its container answers. Deliberately independent of the database
 * and the provider: an outage there makes the instance not ready, and restarting it would not help.
 */
@Liveness
@ApplicationScoped
public class ApplicationCheck implements HealthCheck {

  static final String NAME = "parley";

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.up(NAME);
  }
}
