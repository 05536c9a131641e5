package dev.parley.platform.logging;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Names the endpoint a request matched by its path template ({@code
 * /v1/chat/sessions/{session_id}}), never the raw path: metrics labels and access logs stay bounded
 * and free of ids. Runs right after matching, before authentication, so refusals are labelled too.
 * The JAX-RS runtime copies the property into the servlet request, where {@link AccessLogFilter}
 * reads it.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class EndpointTemplates implements ContainerRequestFilter {

  /** The request attribute (and JAX-RS property) holding the template. */
  public static final String ATTRIBUTE = "dev.parley.endpoint";

  /** Requests that matched no resource method (unknown paths, container-level refusals). */
  public static final String UNMATCHED = "unmatched";

  private static final Pattern REGEX_PART = Pattern.compile("\\{\\s*([^:}\\s]+)\\s*:[^}]*}");
  private static final Map<Method, String> TEMPLATES = new ConcurrentHashMap<>();

  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    Method method = resource.getResourceMethod();
    if (method != null) {
      request.setProperty(
          ATTRIBUTE,
          TEMPLATES.computeIfAbsent(
              method,
              m ->
                  template(
                      resource.getResourceClass().getAnnotation(Path.class),
                      m.getAnnotation(Path.class))));
    }
  }

  /** The class's and the method's {@code @Path} joined, with regular expressions left out. */
  static String template(Path onClass, Path onMethod) {
    String joined =
        "/"
            + (onClass == null ? "" : onClass.value())
            + "/"
            + (onMethod == null ? "" : onMethod.value());
    String collapsed = joined.replaceAll("/{2,}", "/");
    if (collapsed.length() > 1 && collapsed.endsWith("/")) {
      collapsed = collapsed.substring(0, collapsed.length() - 1);
    }
    return REGEX_PART.matcher(collapsed).replaceAll("{$1}");
  }
}
