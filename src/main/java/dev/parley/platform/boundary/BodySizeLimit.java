package dev.parley.platform.boundary;

import dev.parley.platform.errors.ErrorResponse;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds every request body (multipart uploads have their own, larger limit): a declared length
 * over the limit is refused before reading, a chunked body is read only up to the limit. Either
 * way: 413.
 */
@Provider
@PreMatching
@Priority(100)
public class BodySizeLimit implements ContainerRequestFilter {

  @Inject
  @ConfigProperty(name = "parley.http.max-body-bytes", defaultValue = "1048576")
  int maxBytes;

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    MediaType type = request.getMediaType();
    if (!request.hasEntity() || type != null && "multipart".equalsIgnoreCase(type.getType())) {
      return;
    }
    if (request.getLength() > maxBytes) {
      request.abortWith(tooLarge());
      return;
    }
    InputStream body = request.getEntityStream();
    byte[] bytes = body.readNBytes(maxBytes + 1);
    if (bytes.length > maxBytes) {
      request.abortWith(tooLarge());
      return;
    }
    request.setEntityStream(new ByteArrayInputStream(bytes));
  }

  private Response tooLarge() {
    return ErrorResponse.response(413, "request body too large: at most " + maxBytes + " bytes");
  }
}
