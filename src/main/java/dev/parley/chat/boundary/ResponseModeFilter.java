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
import java.util.function.Predicate;

/**
 * The two chat endpoints answer with SSE or JSON depending on the body's {@code stream} flag, not
 * on the client's {@code Accept}: {@code POST /v1/chat/stream} streams unless the flag is an
 * explicit {@code false} (the spec's default), {@code POST /v1/chat/completions} only when it is an
 * explicit {@code true} (OpenAI's default is a whole JSON answer). This filter reads the flag from
 * the body that {@code RequestBodies} already parsed (no second pass over the bytes) and sets
 * {@code Accept} so that JAX-RS picks the matching resource method.
 */
@Provider
@PreMatching
@Priority(Priorities.ENTITY_CODER)
public class ResponseModeFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    if (!HttpMethod.POST.equals(request.getMethod())) {
      return;
    }
    Predicate<JsonValue> streams = ruleFor(request.getUriInfo().getPath());
    if (streams == null) {
      return;
    }
    Object body = request.getProperty(JsonBodies.PARSED);
    String accept =
        streams.test(body instanceof JsonValue json ? json : null)
            ? MediaType.SERVER_SENT_EVENTS
            : MediaType.APPLICATION_JSON;
    request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept);
  }

  /** Which rule decides for the path (trailing slashes ignored); null: not a chat endpoint. */
  static Predicate<JsonValue> ruleFor(String path) {
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    String trimmed = path.substring(0, end);
    if (trimmed.endsWith("v1/chat/stream")) {
      return ResponseModeFilter::streamFlag;
    }
    if (trimmed.endsWith("v1/chat/completions")) {
      return ResponseModeFilter::doorStreams;
    }
    return null;
  }

  /** The top-level {@code stream} value; anything but an explicit {@code false} means streaming. */
  static boolean streamFlag(JsonValue body) {
    return !(body instanceof JsonObject object
        && object.containsKey("stream")
        && object.get("stream").getValueType() == JsonValue.ValueType.FALSE);
  }

  /** The OpenAI-compatible door: only an explicit top-level {@code true} streams. */
  static boolean doorStreams(JsonValue body) {
    return body instanceof JsonObject object && object.get("stream") == JsonValue.TRUE;
  }
}
