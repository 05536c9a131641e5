package dev.parley.provider.entity;

/** Token usage of one completion, as the provider reported it or as Parley counted it. */
public record Usage(int promptTokens, int completionTokens) {

  public int totalTokens() {
    return promptTokens + completionTokens;
  }
}
