package dev.parley.platform.persistence;

import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * EclipseLink (Payara's JPA provider) retries a query whose connection failed three more times, 5 s
 * apart: with the database down, every request held its thread for 10 s before its 503 (measured in
 * {@code DatabaseOutageIT}). The pool validates a connection before handing it out, so a retry has
 * nothing to add: fail at once, let the client retry after {@code Retry-After}. The persistence
 * unit names this class in an {@code eclipselink.*} property, which other providers (Hibernate on
 * WildFly, which does not retry) ignore; the JPA property for the count is not applied to a
 * container-managed datasource, hence a customizer.
 */
public class FailFastOnOutage implements SessionCustomizer {

  @Override
  public void customize(Session session) {
    if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
      login.setQueryRetryAttemptCount(0);
      login.setDelayBetweenConnectionAttempts(0);
    }
  }
}
