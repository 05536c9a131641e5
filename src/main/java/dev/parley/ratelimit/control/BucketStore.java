package dev.parley.ratelimit.control;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/** Where the request-rate buckets live: the cluster's JCache, or this instance's memory. */
interface BucketStore {

  /** The key's bucket, created full with the configuration when it has none. */
  Bucket bucket(String key, BucketConfiguration configuration);

  /** Whether every instance of a cluster sees the same buckets. */
  boolean shared();
}
