package dev.parley.platform.errors;

/** 408: the client did not send its request body within the allowed time. */
public class RequestTimeout extends ParleyException {

  public RequestTimeout(String detail) {
    super(408, detail);
  }
}
