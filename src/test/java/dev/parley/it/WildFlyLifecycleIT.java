package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The WAR's start-up on WildFly, with a WildFly of its own (failsafe execution {@code wildfly}).
 */
class WildFlyLifecycleIT {

  @Test
  void withoutKeyOrProviderTheDeploymentFailsAndTheServerStillStops() throws Exception {
    Path dir =
        Path.of(System.getProperty("parley.it.wildfly.dir"))
            .resolveSibling("refuse-" + System.nanoTime());
    try (WildFlyProcess wildfly =
        WildFlyProcess.launch(
            dir,
            env ->
                env.keySet().removeIf(k -> k.startsWith("PARLEY_") || k.startsWith("MP_JWT_")))) {
      assertFalse(wildfly.awaitDeployment(), "ROOT.war.failed expected");
      LifecycleIT.assertRefusedToStart(wildfly);
      wildfly.terminate();
      assertTrue(wildfly.awaitExit(Duration.ofSeconds(30)), "WildFly stops on SIGTERM");
    }
  }
}
