package dev.parley.ratelimit.boundary;

import dev.parley.platform.errors.TooManyRequests;
import dev.parley.platform.metrics.ParleyMetrics;
import dev.parley.platform.metrics.Refusal;
import dev.parley.ratelimit.control.RequestRateLimiter;
import dev.parley.ratelimit.entity.RateStatus;
import dev.parley.security.boundary.Authenticated;
import dev.parley.security.control.CurrentUser;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;

/**
 * The tier's request rate on every authenticated endpoint (runs right after authentication): over
 * the limit is a 429 with {@code Retry-After}; every response carries {@code RateLimit-Limit},
 * {@code RateLimit-Remaining} and {@code RateLimit-Reset} (seconds), exposed to browsers through
 * {@code Access-Control-Expose-Headers}.
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHORIZATION)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

  static final String STATUS = RateLimitFilter.class.getName() + ".status";
  static final String EXPOSED =
      "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After, X-Session-Id";

  @Inject CurrentUser currentUser;
  @Inject RequestRateLimiter limiter;
  @Inject ParleyMetrics metrics;

  @Override
  public void filter(ContainerRequestContext request) {
    RateStatus status = limiter.consume(currentUser.caller());
    request.setProperty(STATUS, status);
    if (!status.allowed()) {
      metrics.refused(Refusal.RATE);
      throw new TooManyRequests(
          "request rate limit of your "
              + currentUser.caller().tier().key()
              + " tier reached: "
              + status.limit()
              + " requests per window; retry in "
              + status.resetSeconds()
              + " s",
          Duration.ofSeconds(Math.max(1, status.resetSeconds())));
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(STATUS) instanceof RateStatus status) {
      MultivaluedMap<String, Object> headers = response.getHeaders();
      headers.putSingle("RateLimit-Limit", status.limit());
      headers.putSingle("RateLimit-Remaining", status.remaining());
      headers.putSingle("RateLimit-Reset", status.resetSeconds());
      headers.putSingle("Access-Control-Expose-Headers", EXPOSED);
    }
  }
}
