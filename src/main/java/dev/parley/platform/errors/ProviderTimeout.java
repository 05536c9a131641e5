package dev.parley.platform.errors;

/** 504: the LLM provider did not answer in time. */
public class ProviderTimeout extends ParleyException {

  public ProviderTimeout(String detail) {
    super(504, detail);
  }

  public ProviderTimeout(String detail, Throwable cause) {
    super(504, detail, cause);
  }
}
