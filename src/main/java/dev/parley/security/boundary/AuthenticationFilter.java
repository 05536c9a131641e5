package dev.parley.security.boundary;

import dev.parley.platform.errors.ErrorResponse;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Lets a request through only with a verified token. The MP-JWT mechanism has already verified
 * signature, issuer and expiry (and answered 401 itself for a bad token); a request without any
 * token arrives here anonymous and gets the same JSON 401.
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    Principal principal = request.getSecurityContext().getUserPrincipal();
    if (!(principal instanceof JsonWebToken token)
        || isBlank(token.getSubject()) && isBlank(token.getName())) {
      request.abortWith(ErrorResponse.response(401, "missing or invalid bearer token"));
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
