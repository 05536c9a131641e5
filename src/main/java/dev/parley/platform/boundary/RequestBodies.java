package dev.parley.platform.boundary;

import dev.parley.platform.errors.ErrorResponse;
import dev.parley.platform.errors.ParleyException;
import dev.parley.platform.errors.PayloadTooLarge;
import dev.parley.platform.json.JsonBodies;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every request body except uploads (multipart, bounded by the files feature) is read here, before
 * anything else touches it, with bounded work:
 *
 * <ol>
 *   <li>at most {@code parley.http.max-body-bytes}: a declared length beyond it is refused before
 *       reading, a chunked body once it passes it (413);
 *   <li>within {@code parley.http.body-timeout-ms} ({@link BodyDeadlines}: 408);
 *   <li>a JSON body (declared as JSON, or undeclared) is parsed once by {@link JsonBodies}: a
 *       malformed one is a 400 here, a well-formed one is kept as the request property {@link
 *       JsonBodies#PARSED} for those who need its values before binding ({@code
 *       ResponseModeFilter}). JSON-B then binds only bodies proven complete.
 * </ol>
 */
@Provider
@PreMatching
@Priority(100)
public class RequestBodies implements ContainerRequestFilter {

  @Inject
  @ConfigProperty(name = "parley.http.max-body-bytes")
  int maxBytes;

  @Inject
  @ConfigProperty(name = "parley.http.body-timeout-ms")
  long timeoutMs;

  @Inject BodyDeadlines deadlines;

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    MediaType type = request.getMediaType();
    if (!request.hasEntity() || type != null && "multipart".equalsIgnoreCase(type.getType())) {
      return;
    }
    if (request.getLength() > maxBytes) {
      request.abortWith(ErrorResponse.response(tooLarge()));
      return;
    }
    try {
      InputStream body = deadlines.guard(request.getEntityStream(), Duration.ofMillis(timeoutMs));
      byte[] bytes = body.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        request.abortWith(ErrorResponse.response(tooLarge()));
        return;
      }
      if (isJson(type)) {
        request.setProperty(JsonBodies.PARSED, JsonBodies.parse(bytes));
      }
      request.setEntityStream(new ByteArrayInputStream(bytes));
    } catch (ParleyException refused) {
      request.abortWith(ErrorResponse.response(refused));
    }
  }

  /** Declared as JSON ({@code application/json}, {@code +json}), or not declared at all. */
  static boolean isJson(MediaType type) {
    return type == null
        || type.isWildcardType()
        || "json".equalsIgnoreCase(type.getSubtype())
        || type.getSubtype().toLowerCase().endsWith("+json");
  }

  private PayloadTooLarge tooLarge() {
    return new PayloadTooLarge("request body too large: at most " + maxBytes + " bytes");
  }
}
