package dev.parley.platform.logging;

import dev.parley.platform.metrics.ParleyMetrics;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Every request of the application: takes or generates its {@code X-Request-Id}, echoes it in the
 * response (error pages included), makes it the {@link RequestContext} of the request thread, and
 * when the response is complete (for a stream: when the stream ends) writes one JSON access line on
 * the {@code dev.parley.access} logger and records the request in {@link ParleyMetrics}.
 *
 * <p>It also sees the error dispatch: a request the container refused before any filter ran (an
 * invalid bearer token is answered by the MP-JWT mechanism) is logged and counted there.
 */
@WebFilter(
    filterName = "parley-access-log",
    urlPatterns = "/*",
    asyncSupported = true,
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class AccessLogFilter extends HttpFilter {

  public static final String ACCESS_LOGGER = "dev.parley.access";
  static final String ID_ATTRIBUTE = "dev.parley.request-id";

  private static final Logger ACCESS = Logger.getLogger(ACCESS_LOGGER);
  private static final Set<String> PROBES = Set.of("/health", "/prometheus");

  @Inject ParleyMetrics metrics;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Object seen = request.getAttribute(ID_ATTRIBUTE);
    if (request.getDispatcherType() == DispatcherType.ERROR && seen instanceof String id) {
      // the original dispatch logs it; the error page's response must still carry the id
      response.setHeader(RequestIds.HEADER, id);
      chain.doFilter(request, response);
      return;
    }
    long start = System.nanoTime();
    String id = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
    request.setAttribute(ID_ATTRIBUTE, id);
    response.setHeader(RequestIds.HEADER, id);
    RequestContext.enter(new RequestContext(id, start));
    boolean failed = true;
    try {
      chain.doFilter(request, response);
      failed = false;
    } finally {
      RequestContext.leave();
      String subject = subject(request.getUserPrincipal());
      if (request.isAsyncStarted()) {
        request.getAsyncContext().addListener(new AtCompletion(request, id, start, subject));
      } else {
        completed(request, failed ? 500 : response.getStatus(), id, start, subject);
      }
    }
  }

  private void completed(
      HttpServletRequest request, int status, String id, long start, String subject) {
    long nanos = System.nanoTime() - start;
    String endpoint = endpoint(request);
    metrics.request(request.getMethod(), endpoint, status, nanos);
    // probes and scrapes every few seconds would drown the API traffic
    Level level = PROBES.contains(endpoint) ? Level.FINE : Level.INFO;
    if (ACCESS.isLoggable(level)) {
      ACCESS.log(
          level,
          new AccessLine(id, request.getMethod(), endpoint, status, nanos / 1000, subject)
              .toJson());
    }
  }

  /**
   * The JAX-RS path template; for other servlets (health, metrics) their mapping; else {@code
   * unmatched}. Never the raw path, which may hold ids.
   */
  static String endpoint(HttpServletRequest request) {
    if (request.getAttribute(EndpointTemplates.ATTRIBUTE) instanceof String template) {
      return template;
    }
    String servletPath = request.getServletPath();
    return servletPath == null || servletPath.isEmpty() || "/_error".equals(servletPath)
        ? EndpointTemplates.UNMATCHED
        : servletPath;
  }

  static String subject(Principal principal) {
    if (principal instanceof JsonWebToken token && token.getSubject() != null) {
      return token.getSubject();
    }
    return principal == null ? null : principal.getName();
  }

  private final class AtCompletion implements AsyncListener {

    private final HttpServletRequest request;
    private final String id;
    private final long start;
    private final String subject;

    AtCompletion(HttpServletRequest request, String id, long start, String subject) {
      this.request = request;
      this.id = id;
      this.start = start;
      this.subject = subject;
    }

    @Override
    public void onComplete(AsyncEvent event) {
      int status =
          event.getSuppliedResponse() instanceof HttpServletResponse response
              ? response.getStatus()
              : 200;
      completed(request, status, id, start, subject);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      // onComplete follows
    }

    @Override
    public void onError(AsyncEvent event) {
      // onComplete follows
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // not restarted by Parley
    }
  }
}
