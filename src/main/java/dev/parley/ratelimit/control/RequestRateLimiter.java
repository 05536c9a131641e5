package dev.parley.ratelimit.control;

import dev.parley.ratelimit.entity.RateStatus;
import dev.parley.ratelimit.entity.TierLimits;
import dev.parley.security.entity.Caller;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.jcache.Bucket4jJCache;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;

/**
 * Requests per window and user, with Bucket4j. On a server with a JCache provider (Payara: its
 * Hazelcast data grid) the buckets live in the cluster, so the limit holds across instances;
 * without one (e.g. WildFly without a JCache provider) they are per instance, and the startup log
 * says so.
 */
@ApplicationScoped
public class RequestRateLimiter {

  static final String CACHE = "parley-request-rate";
  static final int LOCAL_LIMIT = 100_000;

  private static final Logger LOG = Logger.getLogger(RequestRateLimiter.class.getName());

  @Inject TierPolicy policy;
  @Inject Instance<CacheManager> cacheManagers;

  private ProxyManager<String> grid;
  private final Map<String, Bucket> local = new ConcurrentHashMap<>();

  @PostConstruct
  void init() {
    try {
      if (cacheManagers.isResolvable()) {
        grid = Bucket4jJCache.entryProcessorBasedBuilder(cache(cacheManagers.get())).build();
        LOG.info("request rate limits are kept in the cluster's JCache and hold across instances");
        return;
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "JCache unavailable for rate limits", e);
    }
    LOG.warning(
        "no JCache provider: request rate limits are per instance, not shared across a cluster");
  }

  /** Created at startup, so that the log says at once whether limits are cluster-wide. */
  void atStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // the @PostConstruct did the work
  }

  public RateStatus consume(Caller caller) {
    TierLimits limits = policy.of(caller.tier());
    String key = caller.tier().key() + ":" + caller.subject();
    BucketConfiguration configuration = configuration(limits.requestsPerWindow(), policy.window());
    Bucket bucket =
        grid != null
            ? grid.builder().build(key, () -> configuration)
            : localBucket(key, configuration);
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    long resetNanos =
        probe.isConsumed() ? probe.getNanosToWaitForReset() : probe.getNanosToWaitForRefill();
    return new RateStatus(
        probe.isConsumed(),
        limits.requestsPerWindow(),
        probe.getRemainingTokens(),
        ceilSeconds(resetNanos));
  }

  public boolean clustered() {
    return grid != null;
  }

  static BucketConfiguration configuration(int requests, Duration window) {
    return BucketConfiguration.builder()
        .addLimit(Bandwidth.builder().capacity(requests).refillIntervally(requests, window).build())
        .build();
  }

  static long ceilSeconds(long nanos) {
    return Math.max(0, (nanos + 999_999_999L) / 1_000_000_000L);
  }

  private Bucket localBucket(String key, BucketConfiguration configuration) {
    if (local.size() >= LOCAL_LIMIT) {
      local.clear(); // a fresh bucket is full: forgetting idle ones never lets anyone exceed a
      // window twice
    }
    return local.computeIfAbsent(
        key, k -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build());
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
                  AccessedExpiryPolicy.factoryOf(
                      new javax.cache.expiry.Duration(TimeUnit.HOURS, 1))));
    } catch (CacheException createdConcurrently) {
      return manager.getCache(CACHE);
    }
  }
}
