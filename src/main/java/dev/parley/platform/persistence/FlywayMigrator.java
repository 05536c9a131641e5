package dev.parley.platform.persistence;

import dev.parley.platform.persistence.migrations.V20261126_1600__IdBlocks;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the Flyway migrations in {@code db/migration} at startup, before anything else touches
 * the schema.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class FlywayMigrator {

  private static final Logger LOG = Logger.getLogger(FlywayMigrator.class.getName());

  @Resource(lookup = ParleyDataSourceDefinition.JNDI_NAME)
  DataSource dataSource;

  private volatile String schemaVersion;

  @PostConstruct
  void migrate() {
    MigrateResult result =
        Flyway.configure(FlywayMigrator.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .javaMigrations(new V20261126_1600__IdBlocks())
            .load()
            .migrate();
    schemaVersion =
        result.targetSchemaVersion == null
            ? result.initialSchemaVersion
            : result.targetSchemaVersion;
    LOG.info(
        () ->
            "database schema at version "
                + schemaVersion
                + " ("
                + result.migrationsExecuted
                + " migrations applied now)");
  }

  /** The schema version after the startup migration (readiness reports it). */
  @Lock(LockType.READ)
  public String schemaVersion() {
    return schemaVersion;
  }
}
