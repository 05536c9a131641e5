package dev.parley.platform.errors;

/** 422: well-formed input that breaks a rule. */
public class Unprocessable extends ParleyException {

  public Unprocessable(String detail) {
    super(422, detail);
  }

  public Unprocessable(String detail, Throwable cause) {
    super(422, detail, cause);
  }
}
