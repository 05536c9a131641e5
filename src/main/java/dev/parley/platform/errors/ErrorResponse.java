package dev.parley.platform.errors;

import dev.parley.platform.json.JsonText;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The one error body shape: {@code {"detail": "..."}}. */
public record ErrorResponse(String detail) {

  public static Response response(ParleyException e) {
    return response(e.status(), e.detail(), e.headers());
  }

  public static Response response(int status, String detail) {
    return response(status, detail, Map.of());
  }

  public static Response response(int status, String detail, Map<String, String> headers) {
    Response.ResponseBuilder builder =
        Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new ErrorResponse(detail));
    headers.forEach(builder::header);
    if (status == 401) {
      builder.header("WWW-Authenticate", "Bearer");
    }
    return builder.build();
  }

  /** The body as JSON text, for writers outside JAX-RS (servlets, SSE error events). */
  public String toJson() {
    return "{\"detail\":" + JsonText.quote(detail) + "}";
  }
}
