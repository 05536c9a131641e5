package dev.parley.platform.errors;

/** 409: the resource's current state does not allow this now. */
public class Conflict extends ParleyException {

  public Conflict(String detail) {
    super(409, detail);
  }

  public Conflict(String detail, Throwable cause) {
    super(409, detail, cause);
  }
}
