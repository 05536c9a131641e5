package dev.parley.platform.errors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/** Bean Validation failures on a well-formed body: 422 with the violation messages joined. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException e) {
    String detail =
        e.getConstraintViolations().stream()
            .map(ConstraintViolation::getMessage)
            .sorted()
            .distinct()
            .collect(Collectors.joining("; "));
    return ErrorResponse.response(422, detail.isEmpty() ? "invalid request" : detail);
  }
}
