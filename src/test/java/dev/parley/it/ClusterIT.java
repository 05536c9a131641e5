package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two Parley instances in one Payara cluster (Hazelcast over loopback TCP/IP): a user's
 * request-rate limit is one limit across both, not one per instance.
 */
class ClusterIT {

  @Test
  void theRequestRateLimitHoldsAcrossTwoInstances() throws Exception {
    int hz1 = PayaraProcess.freePort();
    int hz2 = PayaraProcess.freePort();
    String cluster = "parley-it-" + UUID.randomUUID();
    Path dir = Path.of(System.getProperty("parley.it.dir"), "cluster", cluster);
    Map<String, String> env =
        TestEnvironment.serverEnv("PARLEY_TIERS_FREE_REQUESTS_PER_MINUTE", "10");
    try (PayaraProcess one =
            PayaraProcess.startClustered(
                dir.resolve("one"), withInstance(env, "one"), cluster, hz1, List.of(hz1, hz2));
        PayaraProcess two =
            PayaraProcess.startClustered(
                dir.resolve("two"), withInstance(env, "two"), cluster, hz2, List.of(hz1, hz2))) {
      two.awaitLog("DG Size: 2", Duration.ofSeconds(60));
      String token = Users.freeToken(Users.newSubject());
      int allowed = 0;
      int refused = 0;
      for (int i = 0; i < 15; i++) {
        Api.bind(i % 2 == 0 ? one.url() : two.url());
        int status = Api.get("/v1/me", token).status();
        if (status == 200) {
          allowed++;
        } else if (status == 429) {
          refused++;
        }
      }
      assertEquals(10, allowed, "one limit of 10 per minute across both instances");
      assertEquals(5, refused);
    }
  }

  private static Map<String, String> withInstance(Map<String, String> env, String id) {
    var copy = new java.util.HashMap<>(env);
    copy.put("PARLEY_INSTANCE_ID", id);
    return copy;
  }
}
