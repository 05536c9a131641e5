package dev.parley.platform.errors;

/** 404: missing, or owned by someone else (never revealed). */
public class NotFound extends ParleyException {

  public NotFound(String detail) {
    super(404, detail);
  }

  public NotFound(String detail, Throwable cause) {
    super(404, detail, cause);
  }
}
