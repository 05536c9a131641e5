package dev.parley.platform.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The application's pooled, JTA-enlisted datasource. Connection settings are resolved in code by
 * {@link ParleyDataSource}, so the same WAR works on Payara and WildFly without server-specific
 * placeholders. The one connection property names where in MicroProfile Config they are; WildFly
 * (IronJacamar) also refuses a datasource class without any property.
 */
@DataSourceDefinition(
    name = ParleyDataSourceDefinition.JNDI_NAME,
    className = "dev.parley.platform.persistence.ParleyDataSource",
    minPoolSize = 2,
    maxPoolSize = 64,
    properties = {
      "configPrefix=" + ParleyDataSource.DEFAULT_CONFIG_PREFIX,
      // Payara's pool: validate a connection before handing it out (at most every 5 s) and drop the
      // whole pool when one is dead, so that the pool recovers after a database restart instead of
      // handing out broken connections until Parley restarts. Other servers ignore these keys.
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
      "fish.payara.fail-all-connections=true",
      "fish.payara.validate-atmost-once-period-in-seconds=5"
    },
    transactional = true)
@ApplicationScoped
public class ParleyDataSourceDefinition {

  public static final String JNDI_NAME = "java:app/jdbc/parley";
}
