package dev.parley.platform.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.HashMap;
import java.util.Map;

/**
 * Errors raised by the JAX-RS runtime itself (unknown path, wrong method, unsupported media
 * type...). Keeps the status and gives a generic, safe detail.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof ParleyException parley) {
        return ErrorResponse.response(parley); // e.g. a 408 or 413 from inside a body reader
      }
    }
    Response original = e.getResponse();
    int status = original == null ? 500 : original.getStatus();
    Map<String, String> headers = new HashMap<>();
    if (original != null && original.getHeaderString("Allow") != null) {
      headers.put("Allow", original.getHeaderString("Allow"));
    }
    return ErrorResponse.response(status, detailFor(status), headers);
  }

  static String detailFor(int status) {
    return switch (status) {
      case 400 -> "bad request: malformed or missing body or parameters";
      case 401 -> "missing or invalid bearer token";
      case 403 -> "not allowed";
      case 404 -> "not found";
      case 405 -> "method not allowed";
      case 406 -> "not acceptable: this endpoint produces application/json or text/event-stream";
      case 408 -> "the request body did not arrive in time";
      case 413 -> "request body too large";
      case 415 -> "unsupported media type: send application/json";
      default -> status >= 500 ? "internal error" : "request failed";
    };
  }
}
