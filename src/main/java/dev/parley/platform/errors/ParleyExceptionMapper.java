package dev.parley.platform.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Maps Parley's own errors to their status and {@code {"detail"}} body. */
@Provider
public class ParleyExceptionMapper implements ExceptionMapper<ParleyException> {

  @Override
  public Response toResponse(ParleyException e) {
    return ErrorResponse.response(e);
  }
}
