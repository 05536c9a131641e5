package dev.parley.platform.health;

import dev.parley.platform.persistence.FlywayMigrator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once Flyway has brought the schema up to date at startup; reports the schema version. */
@Readiness
@ApplicationScoped
public class MigrationsCheck implements HealthCheck {

  static final String NAME = "migrations";

  @Inject FlywayMigrator migrator;

  @Override
  public HealthCheckResponse call() {
    String version = migrator.schemaVersion();
    return version == null
        ? HealthCheckResponse.down(NAME)
        : HealthCheckResponse.named(NAME).up().withData("schema_version", version).build();
  }
}
