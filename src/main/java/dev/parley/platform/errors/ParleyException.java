package dev.parley.platform.errors;

import jakarta.ejb.ApplicationException;
import java.util.Map;

/**
 * Base of every error Parley reports on purpose. It carries the HTTP status and a user-facing
 * detail; EJBs pass it through unwrapped and roll back.
 */
@ApplicationException(rollback = true)
public abstract class ParleyException extends RuntimeException {

  private final int status;

  protected ParleyException(int status, String detail) {
    super(detail);
    this.status = status;
  }

  protected ParleyException(int status, String detail, Throwable cause) {
    super(detail, cause);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public String detail() {
    return getMessage();
  }

  /** Extra response headers, such as {@code Retry-After}. */
  public Map<String, String> headers() {
    return Map.of();
  }
}
