package dev.parley.platform.config;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Refuses to start with an unusable configuration, with a message that says what to set: the
 * runtime mode's rules and every feature's {@link StartupRequirement} (e.g. the providers). Logs
 * development mode loudly, and says so when the development flag is ignored because a real key is
 * configured.
 */
@Startup
@Singleton
public class StartupCheck {

  private static final Logger LOG = Logger.getLogger(StartupCheck.class.getName());

  @Inject Instance<StartupRequirement> requirements;

  @PostConstruct
  void check() {
    RuntimeMode mode = RuntimeMode.fromSystem();
    List<String> problems = new ArrayList<>(mode.problems());
    requirements.forEach(requirement -> problems.addAll(requirement.problems()));
    if (!problems.isEmpty()) {
      String message = "Parley cannot start: " + String.join("; ", problems);
      LOG.severe(message);
      throw new IllegalStateException(message);
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
