package dev.parley.chat.entity;

import dev.parley.provider.entity.PromptMessage;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * A checked request of the OpenAI-compatible door ({@code POST /v1/chat/completions}): the client's
 * own JSON as it goes upstream, and what Parley reads from it.
 *
 * @param prompt the messages as text, for token estimates and counts (tool calls as their
 *     arguments, tool definitions as their JSON)
 * @param temperature null: the provider's default
 * @param maxTokens {@code max_completion_tokens} or {@code max_tokens}; null: none
 */
public record DoorRequest(
    JsonObject raw,
    String model,
    List<PromptMessage> prompt,
    boolean stream,
    boolean includeUsage,
    Double temperature,
    Integer maxTokens) {

  public DoorRequest {
    prompt = List.copyOf(prompt);
  }
}
