package dev.parley.chat.entity;

/** The answer of {@code POST /v1/chat/stream} with {@code "stream": false}. */
public record CompletionView(
    long sessionId, String model, MessageView.Plain message, UsageView usage, String finishReason) {

  /** Token usage in OpenAI's names. */
  public record UsageView(int promptTokens, int completionTokens, int totalTokens) {}
}
