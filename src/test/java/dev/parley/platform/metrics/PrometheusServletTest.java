package dev.parley.platform.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrometheusServletTest {

  static PrometheusServlet withToken(String token) {
    PrometheusServlet servlet = new PrometheusServlet();
    servlet.token = Optional.ofNullable(token);
    return servlet;
  }

  @Test
  void withoutAConfiguredTokenScrapesAreOpen() {
    assertTrue(withToken(null).authorized(null));
    assertTrue(withToken("  ").authorized(null));
  }

  static String basic(String userAndPassword) {
    return "Basic "
        + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void withATokenOnlyBasicAuthenticationWithItAsPasswordMayScrape() {
    PrometheusServlet servlet = withToken("s3cret");
    assertTrue(servlet.authorized(basic("prometheus:s3cret")));
    assertTrue(servlet.authorized(basic(":s3cret")));
    assertTrue(servlet.authorized("basic " + basic("any:s3cret").substring(6)));
    assertFalse(servlet.authorized(null));
    assertFalse(servlet.authorized(basic("prometheus:s3cre")));
    assertFalse(servlet.authorized(basic("prometheus:s3cret2")));
    assertFalse(servlet.authorized(basic("s3cret")));
    assertFalse(servlet.authorized("Bearer s3cret"));
    assertFalse(servlet.authorized("Basic %%%"));
  }
}
