package dev.parley.provider.control;

import dev.parley.provider.entity.CompletionChunk;

/**
 * Turns the data of one event of a provider's stream into a chunk. Stateful per stream (Anthropic
 * reports input and output tokens in different events).
 */
interface Decoder {

  /** Returned at the end of the stream ({@code [DONE]}, {@code message_stop}). */
  CompletionChunk END = new CompletionChunk(null, null, null);

  /**
   * The chunk this event carries, {@link #END}, or null for an event that carries nothing for the
   * reply (pings, block boundaries). Throws a provider failure for an error event, and any runtime
   * exception for an unreadable one.
   */
  CompletionChunk decode(String data);

  /** OpenAI's Chat Completions chunks, ending at {@code [DONE]}. */
  static Decoder openAi() {
    return data -> "[DONE]".equals(data) ? END : ChunkParser.parse(data);
  }
}
