package dev.parley.platform.errors;

/** 403: authenticated, but not allowed to do this. */
public class Forbidden extends ParleyException {

  public Forbidden(String detail) {
    super(403, detail);
  }

  public Forbidden(String detail, Throwable cause) {
    super(403, detail, cause);
  }
}
