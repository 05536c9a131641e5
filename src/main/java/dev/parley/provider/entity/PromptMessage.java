package dev.parley.provider.entity;

import java.util.Objects;

/** One message of the conversation sent upstream. */
public record PromptMessage(String role, String content) {

  public PromptMessage {
    Objects.requireNonNull(role);
    Objects.requireNonNull(content);
  }
}
