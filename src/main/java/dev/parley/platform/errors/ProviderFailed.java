package dev.parley.platform.errors;

/** 502: the LLM provider failed or answered with an error. */
public class ProviderFailed extends ParleyException {

  public ProviderFailed(String detail) {
    super(502, detail);
  }

  public ProviderFailed(String detail, Throwable cause) {
    super(502, detail, cause);
  }
}
