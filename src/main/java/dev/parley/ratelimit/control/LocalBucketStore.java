package dev.parley.ratelimit.control;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Buckets in this instance's memory: limits per instance, for servers without a JCache. */
class LocalBucketStore implements BucketStore {

  static final int LIMIT = 100_000;

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final int limit;

  LocalBucketStore() {
    this(LIMIT);
  }

  LocalBucketStore(int limit) {
    this.limit = limit;
  }

  @Override
  public Bucket bucket(String key, BucketConfiguration configuration) {
    if (buckets.size() >= limit) {
      // a fresh bucket is full: forgetting idle ones never lets anyone exceed a window twice
      buckets.clear();
    }
    return buckets.computeIfAbsent(
        key, k -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build());
  }

  @Override
  public boolean shared() {
    return false;
  }
}
