package dev.parley.platform.errors;

/** 415: the content is of a type Parley does not accept. */
public class UnsupportedMediaType extends ParleyException {

  public UnsupportedMediaType(String detail) {
    super(415, detail);
  }

  public UnsupportedMediaType(String detail, Throwable cause) {
    super(415, detail, cause);
  }
}
