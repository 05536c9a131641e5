package dev.parley.ratelimit.control;

import dev.parley.ratelimit.entity.RateStatus;
import dev.parley.ratelimit.entity.TierLimits;
import dev.parley.security.entity.Caller;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Requests per window and user, with Bucket4j. On a server with a JCache provider (Payara: its
 * Hazelcast data grid) the buckets live in the cluster, so the limit holds across instances;
 * without one (WildFly as shipped) they are per instance, and the startup log says so. No JCache
 * type appears here: this class must load where the JCache API is absent.
 */
@ApplicationScoped
public class RequestRateLimiter {

  static final String JCACHE_API = "javax.cache.CacheManager";

  private static final Logger LOG = Logger.getLogger(RequestRateLimiter.class.getName());

  @Inject TierPolicy policy;
  @Inject Instance<Object> beans;

  BucketStore buckets;

  @PostConstruct
  void init() {
    buckets = sharedStore().orElseGet(LocalBucketStore::new);
    if (buckets.shared()) {
      LOG.info("request rate limits are kept in the cluster's JCache and hold across instances");
    } else {
      LOG.warning(
          "no JCache provider: request rate limits are per instance, not shared across a cluster");
    }
  }

  /** Created at startup, so that the log says at once whether limits are cluster-wide. */
  void atStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // the @PostConstruct did the work
  }

  public RateStatus consume(Caller caller) {
    TierLimits limits = policy.of(caller.tier());
    String key = caller.tier().key() + ":" + caller.subject();
    ConsumptionProbe probe =
        buckets
            .bucket(key, configuration(limits.requestsPerWindow(), policy.window()))
            .tryConsumeAndReturnRemaining(1);
    long resetNanos =
        probe.isConsumed() ? probe.getNanosToWaitForReset() : probe.getNanosToWaitForRefill();
    return new RateStatus(
        probe.isConsumed(),
        limits.requestsPerWindow(),
        probe.getRemainingTokens(),
        ceilSeconds(resetNanos));
  }

  static BucketConfiguration configuration(int requests, Duration window) {
    return BucketConfiguration.builder()
        .addLimit(Bandwidth.builder().capacity(requests).refillIntervally(requests, window).build())
        .build();
  }

  static long ceilSeconds(long nanos) {
    return Math.max(0, (nanos + 999_999_999L) / 1_000_000_000L);
  }

  private Optional<BucketStore> sharedStore() {
    if (!visible(JCACHE_API)) {
      return Optional.empty();
    }
    try {
      return JCacheBucketStore.fromServer(beans);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "JCache unavailable for rate limits", e);
      return Optional.empty();
    }
  }

  static boolean visible(String className) {
    try {
      Class.forName(className, false, RequestRateLimiter.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
