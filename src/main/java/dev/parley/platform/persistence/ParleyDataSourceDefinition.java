package dev.parley.platform.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The application's pooled, JTA-enlisted datasource. Connection settings are resolved in code by
 * {@link ParleyDataSource}, so the same WAR works on Payara and WildFly without server-specific
 * placeholders.
 */
@DataSourceDefinition(
    name = ParleyDataSourceDefinition.JNDI_NAME,
    className = "dev.parley.platform.persistence.ParleyDataSource",
    minPoolSize = 2,
    maxPoolSize = 64,
    transactional = true)
@ApplicationScoped
public class ParleyDataSourceDefinition {

  public static final String JNDI_NAME = "java:app/jdbc/parley";
}
