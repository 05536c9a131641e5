package dev.parley.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimeModeTest {

  static RuntimeMode mode(Map<String, String> settings) {
    return RuntimeMode.detect(key -> Optional.ofNullable(settings.get(key)));
  }

  @Test
  void devModeWithNothingConfiguredUsesDevelopmentKeysAndSimulator() {
    RuntimeMode mode = mode(Map.of("parley.dev-mode", "true"));
    assertTrue(mode.devMode());
    assertTrue(mode.developmentKeys());
    assertTrue(mode.simulator());
    assertTrue(mode.problems().isEmpty());
  }

  @Test
  void aConfiguredKeyAlwaysSwitchesDevModeOff() {
    RuntimeMode mode =
        mode(
            Map.of("parley.dev-mode", "true", "mp.jwt.verify.publickey.location", "file:///k.pem"));
    assertFalse(mode.devMode());
    assertFalse(mode.simulator());
    assertEquals(1, mode.problems().size(), "no provider and no simulator outside dev mode");
    assertTrue(mode.problems().get(0).contains("PARLEY_OPENAI_BASE_URL"));
  }

  @Test
  void aConfiguredProviderSwitchesTheSimulatorOff() {
    RuntimeMode mode =
        mode(Map.of("parley.dev-mode", "true", "parley.openai.base-url", "http://127.0.0.1:1/v1"));
    assertTrue(mode.devMode());
    assertFalse(mode.simulator());
    assertTrue(mode.problems().isEmpty());
  }

  @Test
  void productionWithoutKeyOrProviderNamesBothProblems() {
    RuntimeMode mode = mode(Map.of());
    assertFalse(mode.devMode());
    assertEquals(2, mode.problems().size());
    assertTrue(mode.problems().get(0).contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
  }

  @Test
  void blankValuesCountAsMissing() {
    RuntimeMode mode = mode(Map.of("mp.jwt.verify.publickey", " ", "parley.openai.base-url", ""));
    assertFalse(mode.jwtKeyConfigured());
    assertFalse(mode.providerConfigured());
  }

  @Test
  void productionWithKeyAndProviderStarts() {
    RuntimeMode mode =
        mode(
            Map.of(
                "mp.jwt.verify.publickey",
                "PEM",
                "parley.openai.base-url",
                "https://api.openai.com/v1"));
    assertTrue(mode.problems().isEmpty());
    assertFalse(mode.devMode());
  }

  @Test
  void environmentNamesFollowMicroProfileConfig() {
    assertEquals("PARLEY_DEV_MODE", RuntimeMode.environmentName("parley.dev-mode"));
    assertEquals(
        "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
        RuntimeMode.environmentName("mp.jwt.verify.publickey.location"));
  }
}
