package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/**
 * Errors produced by the runtime itself still use the {@code {"detail"}} body and never leak
 * internals.
 */
abstract class ErrorsTests extends DeployedApi {

  @Test
  void unknownPathIsJson404() {
    Api.Reply reply = Api.get("/v1/no-such-thing", Users.token());
    assertEquals(404, reply.status(), reply::toString);
    assertEquals("not found", reply.detail());
  }

  @Test
  void wrongMethodIsJson405() {
    Api.Reply reply = Api.send(Api.request("/v1/models", Users.token()).DELETE().build());
    assertEquals(405, reply.status(), reply::toString);
    assertFalse(reply.detail().isBlank());
  }

  @Test
  void errorBodiesCarryNoStackTraces() {
    Api.Reply reply =
        Api.send(
            Api.request("/v1/models", Users.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json"))
                .build());
    assertTrue(reply.status() >= 400 && reply.status() < 500, reply::toString);
    assertFalse(reply.body().contains("Exception"), reply::toString);
    assertFalse(reply.body().contains("at dev.parley"), reply::toString);
  }
}
