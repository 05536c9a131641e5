package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Users and applications get integer ids on first use, also when first requests race. */
abstract class IdentityTests extends DeployedApi {

  @Test
  void concurrentFirstRequestsAgreeOnOneUserId() throws Exception {
    String subject = Users.newSubject();
    String token = Users.token(subject);
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<Api.Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        replies.add(pool.submit(() -> Api.get("/v1/me", token)));
      }
      Set<Long> userIds = new java.util.HashSet<>();
      for (Future<Api.Reply> future : replies) {
        Api.Reply reply = future.get();
        assertEquals(200, reply.status(), reply::toString);
        userIds.add(reply.json().getJsonNumber("user_id").longValue());
      }
      assertEquals(1, userIds.size(), () -> "ids: " + userIds);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void claimsAreReadWithDefaults() {
    String subject = Users.newSubject();
    JsonObject me =
        Api.get("/v1/me", Users.tokens().token().subject(subject).tier("platinum").build()).json();
    // unknown tier = free
    assertEquals(subject, me.getString("subject"));
    assertEquals("default", me.getString("app"));
    assertEquals("free", me.getString("tier"));

    JsonObject pro =
        Api.get("/v1/me", Users.tokens().token().subject(subject).tier("pro").app("crm").build())
            .json();
    assertEquals("pro", pro.getString("tier"));
    assertEquals("crm", pro.getString("app"));
    assertEquals(me.getJsonNumber("user_id"), pro.getJsonNumber("user_id"));
    assertNotEquals(me.getJsonNumber("application_id"), pro.getJsonNumber("application_id"));
    assertEquals(
        List.of("user"),
        me.getJsonArray("groups").getValuesAs(jakarta.json.JsonString.class).stream()
            .map(jakarta.json.JsonString::getString)
            .collect(Collectors.toList()));
  }
}
