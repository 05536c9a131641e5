package dev.parley.platform.persistence;

import dev.parley.platform.config.StartupOrder;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the Flyway migrations in {@code db/migration} at startup, before anything else touches
 * the schema.
 */
@ApplicationScoped
public class FlywayMigrator {

  private static final Logger LOG = Logger.getLogger(FlywayMigrator.class.getName());

  @Resource(lookup = ParleyDataSourceDefinition.JNDI_NAME)
  DataSource dataSource;

  void migrate(
      @Observes @Initialized(ApplicationScoped.class) @Priority(StartupOrder.SCHEMA)
          Object ignored) {
    MigrateResult result =
        Flyway.configure(FlywayMigrator.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load()
            .migrate();
    LOG.info(
        () ->
            "database schema at version "
                + (result.targetSchemaVersion == null
                    ? result.initialSchemaVersion
                    : result.targetSchemaVersion)
                + " ("
                + result.migrationsExecuted
                + " migrations applied now)");
  }
}
