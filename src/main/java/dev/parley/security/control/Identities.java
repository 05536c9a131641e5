package dev.parley.security.control;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Integer ids for JWT subjects and application keys, assigned on first use. Two concurrent first
 * requests race on a unique key: the loser's insert fails and it reads the winner's row. Ids never
 * change, so they are cached (bounded) to keep the database off the per-request path.
 */
@ApplicationScoped
public class Identities {

  static final int CACHE_LIMIT = 100_000;

  @Inject IdentityRegistry registry;

  private final Map<String, Long> users = new ConcurrentHashMap<>();
  private final Map<String, Long> applications = new ConcurrentHashMap<>();

  public long userId(String subject) {
    return resolve(users, subject, registry::findOrCreateUser, registry::findUser);
  }

  public long applicationId(String appKey) {
    return resolve(
        applications, appKey, registry::findOrCreateApplication, registry::findApplication);
  }

  static long resolve(
      Map<String, Long> cache,
      String key,
      Function<String, Long> findOrCreate,
      Function<String, Optional<Long>> find) {
    Long cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    long id;
    try {
      id = findOrCreate.apply(key);
    } catch (EJBException | PersistenceException lostRace) {
      id = find.apply(key).orElseThrow(() -> lostRace);
    }
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(key, id);
    return id;
  }
}
