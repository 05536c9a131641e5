package dev.parley.security.control;

import dev.parley.security.entity.AppUser;
import dev.parley.security.entity.Application;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Optional;

/**
 * Finds or creates users and applications, each creation in its own transaction so that a
 * unique-key clash with a concurrent first request only fails that short transaction (see {@link
 * Identities}).
 */
@Stateless
public class IdentityRegistry {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public long findOrCreateUser(String externalId) {
    return findUser(externalId)
        .orElseGet(
            () -> {
              AppUser user = new AppUser(externalId, clock.instant());
              em.persist(user);
              em.flush();
              return user.id();
            });
  }

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public long findOrCreateApplication(String appKey) {
    return findApplication(appKey)
        .orElseGet(
            () -> {
              Application application = new Application(appKey, clock.instant());
              em.persist(application);
              em.flush();
              return application.id();
            });
  }

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Optional<Long> findUser(String externalId) {
    if (unstorable(externalId)) {
      return Optional.empty();
    }
    return em.createNamedQuery(AppUser.BY_EXTERNAL_ID, AppUser.class)
        .setParameter("externalId", externalId)
        .getResultStream()
        .findFirst()
        .map(AppUser::id);
  }

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Optional<Long> findApplication(String appKey) {
    if (unstorable(appKey)) {
      return Optional.empty();
    }
    return em.createNamedQuery(Application.BY_KEY, Application.class)
        .setParameter("appKey", appKey)
        .getResultStream()
        .findFirst()
        .map(Application::id);
  }

  /**
   * A key with a NUL character names nobody: PostgreSQL text cannot hold one, and querying with it
   * fails (a 500 for {@code GET /v1/usage?app=%00}) instead of finding nothing.
   */
  private static boolean unstorable(String key) {
    return key.indexOf('\0') >= 0;
  }
}
