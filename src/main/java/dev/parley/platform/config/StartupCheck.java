package dev.parley.platform.config;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import java.util.List;
import java.util.logging.Logger;

/**
 * Refuses to start with an unusable configuration, with a message that says what to set. Logs
 * development mode loudly, and says so when the development flag is ignored because a real key is
 * configured. A CDI extension, so that a problem fails the deployment while the container validates
 * it, before anything serves requests, on every server.
 */
public class StartupCheck implements Extension {

  private static final Logger LOG = Logger.getLogger(StartupCheck.class.getName());

  void check(@Observes AfterDeploymentValidation validation) {
    RuntimeMode mode = RuntimeMode.fromSystem();
    List<String> problems = mode.problems();
    if (!problems.isEmpty()) {
      String message = "Parley cannot start: " + String.join("; ", problems);
      LOG.severe(message);
      validation.addDeploymentProblem(new IllegalStateException(message));
      return;
    }
    if (mode.devModeRequested() && !mode.devMode()) {
      LOG.warning("PARLEY_DEV_MODE=true is ignored: a JWT verification key is configured");
    }
    if (mode.devMode()) {
      LOG.warning(
          "*** DEVELOPMENT MODE: development signing key in use"
              + (mode.simulator() ? ", built-in simulator answers for every model" : "")
              + ". Never run like this in production. ***");
    }
  }
}
