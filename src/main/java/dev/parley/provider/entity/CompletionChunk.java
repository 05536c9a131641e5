package dev.parley.provider.entity;

import java.util.List;

/**
 * One streamed chunk from the provider, in either dialect. Any part may be null or empty: most
 * chunks carry only {@code content}; the last ones carry the finish reason (OpenAI's names: {@code
 * stop}, {@code length}, {@code tool_calls}, {@code content_filter}), or only usage. Tool call
 * pieces appear only when the request offered tools (the OpenAI-compatible door).
 */
public record CompletionChunk(
    String content, String finishReason, Usage usage, List<ToolCallDelta> toolCalls) {

  public CompletionChunk {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  public CompletionChunk(String content, String finishReason, Usage usage) {
    this(content, finishReason, usage, List.of());
  }

  public boolean hasContent() {
    return content != null && !content.isEmpty();
  }

  /** Text or a tool call: what reaches the client as the reply (and ends any fallback). */
  public boolean hasOutput() {
    return hasContent() || !toolCalls.isEmpty();
  }
}
