package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.TestTokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bearer authentication: every bad token is a JSON 401 with {@code WWW-Authenticate: Bearer}. */
abstract class AuthenticationTests extends DeployedApi {

  @Test
  void validTokenIsAccepted() {
    Api.Reply reply = Api.get("/v1/me", Users.token("alice-" + System.nanoTime()));
    assertEquals(200, reply.status(), reply::toString);
  }

  @Test
  void missingTokenIs401() {
    assertUnauthorized(Api.get("/v1/models", null));
  }

  @Test
  void expiredTokenIs401() {
    assertUnauthorized(
        Api.get(
            "/v1/models",
            Users.tokens().token().subject("x").expiresIn(Duration.ofMinutes(-5)).build()));
  }

  @Test
  void wrongIssuerIs401() {
    assertUnauthorized(
        Api.get("/v1/models", Users.tokens().token().subject("x").issuer("someone-else").build()));
  }

  @Test
  void badSignatureIs401() {
    TestTokens stranger = TestTokens.generate(TestEnvironment.ISSUER);
    assertUnauthorized(
        Api.get("/v1/models", Users.tokens().token().subject("x").buildSignedWith(stranger)));
  }

  @Test
  void unsignedAlgNoneTokenIs401() {
    assertUnauthorized(Api.get("/v1/models", Users.tokens().token().subject("x").buildUnsigned()));
  }

  @Test
  void garbageTokenIs401() {
    assertUnauthorized(Api.get("/v1/models", "not-a-jwt"));
  }

  static void assertUnauthorized(Api.Reply reply) {
    assertEquals(401, reply.status(), reply::toString);
    assertEquals("Bearer", reply.header("WWW-Authenticate").orElse(""), reply::toString);
    assertTrue(
        reply.header("Content-Type").orElse("").startsWith("application/json"), reply::toString);
    assertTrue(reply.detail().length() > 0, reply::toString);
  }
}
