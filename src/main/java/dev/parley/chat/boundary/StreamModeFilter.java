package dev.parley.chat.boundary;

import jakarta.annotation.Priority;
import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /v1/chat/stream} answers with SSE or JSON depending on the body's {@code stream}
 * flag, not on the client's {@code Accept}. This filter reads the flag (the body is already
 * size-checked and buffered) and sets {@code Accept} so that JAX-RS picks the matching resource
 * method.
 */
@Provider
@PreMatching
@Priority(Priorities.ENTITY_CODER)
public class StreamModeFilter implements ContainerRequestFilter {

  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (!HttpMethod.POST.equals(request.getMethod())
        || !request.getUriInfo().getPath().replaceAll("/+$", "").endsWith("v1/chat/stream")
        || !request.hasEntity()) {
      return;
    }
    byte[] body = request.getEntityStream().readAllBytes();
    request.setEntityStream(new ByteArrayInputStream(body));
    String accept = streamFlag(body) ? MediaType.SERVER_SENT_EVENTS : MediaType.APPLICATION_JSON;
    request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept);
  }

  /** The top-level {@code stream} value; anything but an explicit {@code false} means streaming. */
  static boolean streamFlag(byte[] body) {
    try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(body))) {
      if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
        return true;
      }
      while (parser.hasNext()) {
        JsonParser.Event event = parser.next();
        if (event == JsonParser.Event.KEY_NAME) {
          String key = parser.getString();
          JsonParser.Event value = parser.next();
          if ("stream".equals(key)) {
            return value != JsonParser.Event.VALUE_FALSE;
          }
          if (value == JsonParser.Event.START_OBJECT) {
            parser.skipObject();
          } else if (value == JsonParser.Event.START_ARRAY) {
            parser.skipArray();
          }
        } else if (event == JsonParser.Event.END_OBJECT) {
          return true;
        }
      }
      return true;
    } catch (JsonParsingException | IllegalStateException malformed) {
      return true; // the resource's JSON binding reports the malformed body as 400
    }
  }
}
