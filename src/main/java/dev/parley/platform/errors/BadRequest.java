package dev.parley.platform.errors;

/** 400: malformed input, unknown model, bad query or path parameter. */
public class BadRequest extends ParleyException {

  public BadRequest(String detail) {
    super(400, detail);
  }

  public BadRequest(String detail, Throwable cause) {
    super(400, detail, cause);
  }
}
