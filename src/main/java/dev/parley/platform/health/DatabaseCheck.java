package dev.parley.platform.health;

import dev.parley.platform.persistence.ParleyDataSourceDefinition;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the database answers: a pooled connection of Parley's own datasource must pass
 * {@link Connection#isValid} within {@value #TIMEOUT_SECONDS} s. A stopped database fails at once
 * (connection refused or closed), an unreachable one within the timeout.
 */
@Readiness
@ApplicationScoped
public class DatabaseCheck implements HealthCheck {

  static final String NAME = "database";
  static final int TIMEOUT_SECONDS = 2;

  @Resource(lookup = ParleyDataSourceDefinition.JNDI_NAME)
  DataSource dataSource;

  @Override
  public HealthCheckResponse call() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(TIMEOUT_SECONDS);
      statement.execute("SELECT 1");
      return HealthCheckResponse.up(NAME);
    } catch (SQLException | RuntimeException e) {
      return down(e.getClass().getSimpleName());
    }
  }

  /** Says why, without the driver's message (it may name hosts and users). */
  private static HealthCheckResponse down(String reason) {
    return HealthCheckResponse.named(NAME).down().withData("error", reason).build();
  }
}
