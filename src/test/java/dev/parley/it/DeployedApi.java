package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;

/**
 * Base of every feature's HTTP tests, which run as {@code @Nested} classes of {@link ApiIT} (and a
 * subset of {@link WildFlySmokeIT}). Arquillian injects the deployment URL only into the outer
 * instance, whose own test runs first and binds {@link Api} to it.
 */
abstract class DeployedApi {

  @BeforeEach
  void requireDeployment() {
    assertTrue(Api.isBound(), "ApiIT binds the deployment URL before the nested tests run");
  }
}
