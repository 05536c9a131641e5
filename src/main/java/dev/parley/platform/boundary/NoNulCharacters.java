package dev.parley.platform.boundary;

import dev.parley.platform.errors.ErrorResponse;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;

/**
 * A query or path parameter with a NUL character ({@code %00}) is a 400 before any resource sees
 * it: PostgreSQL cannot take NUL in text, so such a value reaching a query failed as a 500 (found
 * by the fuzz pass with {@code /v1/usage?app=%00}). JSON bodies are checked the same way by {@code
 * JsonBodies}.
 */
@Provider
@PreMatching
@Priority(50)
public class NoNulCharacters implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getUriInfo().getPath().indexOf('\0') >= 0
        || hasNul(request.getUriInfo().getQueryParameters())) {
      request.abortWith(
          ErrorResponse.response(400, "parameters must not contain the NUL character (%00)"));
    }
  }

  static boolean hasNul(Map<String, List<String>> parameters) {
    for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
      if (parameter.getKey().indexOf('\0') >= 0) {
        return true;
      }
      for (String value : parameter.getValue()) {
        if (value != null && value.indexOf('\0') >= 0) {
          return true;
        }
      }
    }
    return false;
  }
}
