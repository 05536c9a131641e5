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
 * {@code POST /v1/chat/stream} answers with SSE or JSON depending on the body's {@code stream}
 * flag, not on the client's {@code Accept}. This filter reads the flag from the body that {@code
 * RequestBodies} already parsed (no second pass over the bytes) and sets {@code Accept} so that
 * JAX-RS picks the matching resource method.
 */
@Provider
@PreMatching
@Priority(Priorities.ENTITY_CODER)
public class StreamModeFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    if (!HttpMethod.POST.equals(request.getMethod())
        || !request.getUriInfo().getPath().replaceAll("/+$", "").endsWith("v1/chat/stream")) {
      return;
    }
    Object body = request.getProperty(JsonBodies.PARSED);
    String accept =
        streamFlag(body instanceof JsonValue json ? json : null)
            ? MediaType.SERVER_SENT_EVENTS
            : MediaType.APPLICATION_JSON;
    request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept);
  }

  /** The top-level {@code stream} value; anything but an explicit {@code false} means streaming. */
  static boolean streamFlag(JsonValue body) {
    return !(body instanceof JsonObject object
        && object.containsKey("stream")
        && object.get("stream").getValueType() == JsonValue.ValueType.FALSE);
  }
}
