package dev.parley.chat.boundary;

import dev.parley.platform.json.JsonBodies;
import jakarta.annotation.Priority;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * {@code POST /v1/chat/completions} answers with SSE only when the body says {@code "stream": true}
 * (OpenAI's default is a whole JSON answer), whatever the client's {@code Accept}: like {@link
 * StreamModeFilter}, read from the body {@code RequestBodies} already parsed.
 */
@Provider
@PreMatching
@Priority(Priorities.ENTITY_CODER)
public class DoorModeFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    if (!HttpMethod.POST.equals(request.getMethod())
        || !request.getUriInfo().getPath().replaceAll("/+$", "").endsWith("v1/chat/completions")) {
      return;
    }
    Object body = request.getProperty(JsonBodies.PARSED);
    request
        .getHeaders()
        .putSingle(
            HttpHeaders.ACCEPT,
            streaming(body instanceof JsonValue json ? json : null)
                ? MediaType.SERVER_SENT_EVENTS
                : MediaType.APPLICATION_JSON);
  }

  /** Only an explicit top-level {@code true} streams. */
  static boolean streaming(JsonValue body) {
    return body instanceof JsonObject object && object.get("stream") == JsonValue.TRUE;
  }
}
