package dev.parley.ratelimit.control;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.jcache.Bucket4jJCache;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.Duration;

/**
 * Buckets in the server's JCache (Payara: its Hazelcast data grid), shared by every instance of a
 * cluster. Only loaded when the server exposes the JCache API ({@link RequestRateLimiter} checks),
 * so that the WAR still deploys on servers without it.
 */
final class JCacheBucketStore implements BucketStore {

  static final String CACHE = "parley-request-rate";

  private final ProxyManager<String> grid;

  private JCacheBucketStore(Cache<String, byte[]> cache) {
    this.grid = Bucket4jJCache.entryProcessorBasedBuilder(cache).build();
  }

  /** The store on the server's {@code CacheManager} bean, if it has one. */
  static Optional<BucketStore> fromServer(Instance<Object> beans) {
    Instance<CacheManager> managers = beans.select(CacheManager.class);
    if (!managers.isResolvable()) {
      return Optional.empty();
    }
    return Optional.of(new JCacheBucketStore(cache(managers.get())));
  }

  @Override
  public Bucket bucket(String key, BucketConfiguration configuration) {
    return grid.builder().build(key, () -> configuration);
  }

  @Override
  public boolean shared() {
    return true;
  }

  /**
   * Creates the cache once per cluster, race-safely; idle buckets expire (a new bucket starts full
   * anyway).
   */
  private static Cache<String, byte[]> cache(CacheManager manager) {
    Cache<String, byte[]> cache = manager.getCache(CACHE);
    if (cache != null) {
      return cache;
    }
    try {
      return manager.createCache(
          CACHE,
          new MutableConfiguration<String, byte[]>()
              .setExpiryPolicyFactory(
                  AccessedExpiryPolicy.factoryOf(new Duration(TimeUnit.HOURS, 1))));
    } catch (CacheException createdConcurrently) {
      return manager.getCache(CACHE);
    }
  }
}
