package dev.parley.provider.entity;

/**
 * One streamed chunk from the provider. Any part may be null: most chunks carry only {@code
 * content}; the last ones carry the finish reason, or only usage (with an empty {@code choices}
 * array).
 */
public record CompletionChunk(String content, String finishReason, Usage usage) {

  public boolean hasContent() {
    return content != null && !content.isEmpty();
  }
}
