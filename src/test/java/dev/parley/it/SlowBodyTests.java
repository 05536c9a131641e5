package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A request body that never arrives, or trickles in, holds a request thread only until the body
 * deadline: then 408 with {@code {"detail"}}. On both servers (the interrupt of a blocked read is
 * the servers' own business).
 */
abstract class SlowBodyTests extends DeployedApi {

  /** PARLEY_HTTP_BODY_TIMEOUT_MS of the test servers. */
  static final Duration BODY_LIMIT = Duration.ofMillis(2_000);

  @Test
  void aBodyThatNeverArrivesOrTricklesInIsCutOffWith408() throws Exception {
    long limit = BODY_LIMIT.toMillis();
    for (boolean trickle : new boolean[] {false, true}) {
      long start = System.nanoTime();
      String answer = RawHttp.slowPost(Api.uri("/v1/chat/switch-model"), Users.token(), trickle);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
      assertTrue(answer.contains("\"detail\""), answer);
      assertTrue(ms >= limit - 200 && ms < limit + 3_000, "cut off after " + ms + " ms");
    }
  }
}
