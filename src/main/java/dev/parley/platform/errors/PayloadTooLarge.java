package dev.parley.platform.errors;

/** 413: the body or upload is larger than allowed. */
public class PayloadTooLarge extends ParleyException {

  public PayloadTooLarge(String detail) {
    super(413, detail);
  }

  public PayloadTooLarge(String detail, Throwable cause) {
    super(413, detail, cause);
  }
}
