package dev.parley.platform.errors;

import dev.parley.platform.persistence.DatabaseFaults;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Anything else is a bug: 500 with a generic detail, the cause logged (never sent). */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

  @Override
  public Response toResponse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ParleyException parley) {
        return ErrorResponse.response(parley);
      }
    }
    if (DatabaseFaults.isOutage(e)) {
      LOG.warning(() -> "database unreachable: " + e);
      return ErrorResponse.response(new DatabaseUnavailable());
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PessimisticLockException || t instanceof LockTimeoutException) {
        // contention the request could not win in time: a capacity problem, not a bug
        return ErrorResponse.response(
            503, "the database is busy; retry shortly", java.util.Map.of("Retry-After", "1"));
      }
      if (t instanceof JsonbException || t instanceof JsonParsingException) {
        // JSON-B errors reach us wrapped by the JAX-RS runtime (e.g. in a ProcessingException)
        return ErrorResponse.response(400, MalformedJsonMapper.describe(t));
      }
    }
    LOG.log(Level.SEVERE, "unexpected error", e);
    return ErrorResponse.response(500, "internal error");
  }
}
