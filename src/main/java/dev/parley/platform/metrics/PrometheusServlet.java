package dev.parley.platform.metrics;

import dev.parley.platform.errors.ErrorResponse;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /prometheus}: Parley's metrics in Prometheus text format. Not {@code /metrics}, which
 * Payara Micro serves itself at the server root. With {@code PARLEY_METRICS_TOKEN} set, a scrape
 * must send it as the password of HTTP Basic authentication, any user name (else 401); without it
 * the endpoint is open and must be kept off public networks (the compose load balancer does not
 * route it). Basic, not Bearer: the MP-JWT mechanism takes every bearer token for a JWT and would
 * refuse it before this servlet runs.
 *
 * <pre>
 * curl -u "prometheus:$PARLEY_METRICS_TOKEN" http://localhost:7001/prometheus
 * </pre>
 */
@WebServlet("/prometheus")
public class PrometheusServlet extends HttpServlet {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  @Inject ParleyMetrics metrics;

  @Inject
  @ConfigProperty(name = "parley.metrics.token")
  Optional<String> token;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!authorized(request.getHeader("Authorization"))) {
      response.setStatus(401);
      response.setHeader("WWW-Authenticate", "Basic realm=\"parley-metrics\"");
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response.getWriter().write(new ErrorResponse("missing or wrong metrics token").toJson());
      return;
    }
    response.setContentType(CONTENT_TYPE);
    response.getOutputStream().write(metrics.scrape().getBytes(StandardCharsets.UTF_8));
  }

  boolean authorized(String authorization) {
    Optional<String> expected = token.map(String::trim).filter(t -> !t.isEmpty());
    if (expected.isEmpty()) {
      return true;
    }
    String given = basicPassword(authorization);
    // constant time: the comparison must not reveal how much of a guess was right
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.get().getBytes(StandardCharsets.UTF_8));
  }

  /** The password of a Basic {@code Authorization} header, empty if there is none. */
  static String basicPassword(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return "";
    }
    try {
      String pair =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      return colon < 0 ? "" : pair.substring(colon + 1);
    } catch (IllegalArgumentException notBase64) {
      return "";
    }
  }
}
