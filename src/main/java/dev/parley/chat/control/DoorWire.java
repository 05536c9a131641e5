package dev.parley.chat.control;

import dev.parley.platform.json.JsonText;
import dev.parley.provider.entity.CompletionChunk;
import dev.parley.provider.entity.ToolCallDelta;
import dev.parley.provider.entity.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the OpenAI-compatible door answers, in OpenAI's Chat Completions format: {@code
 * chat.completion.chunk} events (the first with {@code role}, text and tool call pieces as they
 * arrive, a last one with the finish reason, then usage when asked for) and whole {@code
 * chat.completion} objects assembled from the stream. Built from the provider's parsed chunks,
 * whatever its dialect, under the public name of the model that answered. Written directly: a chunk
 * is built per token.
 */
final class DoorWire {

  private final String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
  private final long created;
  private boolean roleSent;

  DoorWire(long created) {
    this.created = created;
  }

  String id() {
    return id;
  }

  /** The chunk of a piece of output (text and/or tool calls). */
  String delta(String model, CompletionChunk chunk) {
    StringBuilder delta = new StringBuilder(64);
    if (!roleSent) {
      delta.append("\"role\":\"assistant\"");
      roleSent = true;
    }
    if (chunk.hasContent()) {
      comma(delta).append("\"content\":").append(JsonText.quote(chunk.content()));
    }
    if (!chunk.toolCalls().isEmpty()) {
      comma(delta).append("\"tool_calls\":[");
      for (int i = 0; i < chunk.toolCalls().size(); i++) {
        ToolCallDelta call = chunk.toolCalls().get(i);
        if (i > 0) {
          delta.append(',');
        }
        delta.append("{\"index\":").append(call.index());
        if (call.id() != null) {
          delta
              .append(",\"id\":")
              .append(JsonText.quote(call.id()))
              .append(",\"type\":\"function\"");
        }
        delta.append(",\"function\":{");
        boolean named = call.name() != null;
        if (named) {
          delta.append("\"name\":").append(JsonText.quote(call.name()));
        }
        if (call.arguments() != null) {
          delta
              .append(named ? "," : "")
              .append("\"arguments\":")
              .append(JsonText.quote(call.arguments()));
        }
        delta.append("}}");
      }
      delta.append(']');
    }
    return chunk(model, "{" + delta + "}", "null");
  }

  /** The last chunk of the choice: its finish reason. */
  String finish(String model, String finishReason) {
    String delta = roleSent ? "{}" : "{\"role\":\"assistant\",\"content\":\"\"}";
    roleSent = true;
    return chunk(model, delta, JsonText.quote(finishReason));
  }

  /** The usage chunk ({@code stream_options.include_usage}): no choices. */
  String usage(String model, Usage usage) {
    return head(model) + ",\"choices\":[],\"usage\":" + usageJson(usage) + "}";
  }

  /** An error in the stream as OpenAI's SDKs read it: an {@code error} object. */
  static String error(String detail, int status) {
    return "{\"error\":{\"message\":"
        + JsonText.quote(detail)
        + ",\"type\":"
        + JsonText.quote(status == 503 ? "service_unavailable" : "provider_error")
        + ",\"param\":null,\"code\":"
        + JsonText.quote(Integer.toString(status))
        + "}}";
  }

  /** A whole reply ({@code "stream": false}). */
  String completion(String model, Assembled reply, Usage usage) {
    StringBuilder message = new StringBuilder("{\"role\":\"assistant\",\"content\":");
    message.append(
        reply.text().isEmpty() && !reply.toolCalls().isEmpty()
            ? "null"
            : JsonText.quote(reply.text()));
    if (!reply.toolCalls().isEmpty()) {
      message.append(",\"tool_calls\":[");
      for (int i = 0; i < reply.toolCalls().size(); i++) {
        Assembled.Call call = reply.toolCalls().get(i);
        message
            .append(i > 0 ? "," : "")
            .append("{\"id\":")
            .append(JsonText.quote(call.id == null ? "call_" + i : call.id))
            .append(",\"type\":\"function\",\"function\":{\"name\":")
            .append(JsonText.quote(call.name == null ? "" : call.name))
            .append(",\"arguments\":")
            .append(JsonText.quote(call.arguments.toString()))
            .append("}}");
      }
      message.append(']');
    }
    message.append(",\"refusal\":null}");
    return "{\"id\":"
        + JsonText.quote(id)
        + ",\"object\":\"chat.completion\",\"created\":"
        + created
        + ",\"model\":"
        + JsonText.quote(model)
        + ",\"choices\":[{\"index\":0,\"message\":"
        + message
        + ",\"logprobs\":null,\"finish_reason\":"
        + JsonText.quote(reply.finishReason())
        + "}],\"usage\":"
        + usageJson(usage)
        + "}";
  }

  private String chunk(String model, String delta, String finishReason) {
    return head(model)
        + ",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"logprobs\":null,\"finish_reason\":"
        + finishReason
        + "}]}";
  }

  private String head(String model) {
    return "{\"id\":"
        + JsonText.quote(id)
        + ",\"object\":\"chat.completion.chunk\",\"created\":"
        + created
        + ",\"model\":"
        + JsonText.quote(model);
  }

  private static String usageJson(Usage usage) {
    return "{\"prompt_tokens\":"
        + usage.promptTokens()
        + ",\"completion_tokens\":"
        + usage.completionTokens()
        + ",\"total_tokens\":"
        + usage.totalTokens()
        + "}";
  }

  private static StringBuilder comma(StringBuilder delta) {
    return delta.isEmpty() ? delta : delta.append(',');
  }

  /**
   * A reply put together from its chunks: the text, the tool calls by index (arguments joined), the
   * finish reason and the provider's usage, if it reported one.
   */
  static final class Assembled {

    static final class Call {
      String id;
      String name;
      final StringBuilder arguments = new StringBuilder();
    }

    private final StringBuilder text = new StringBuilder();
    private final Map<Integer, Call> calls = new TreeMap<>();
    private String finishReason;
    private Usage reported;

    void add(CompletionChunk chunk) {
      if (chunk.hasContent()) {
        text.append(chunk.content());
      }
      for (ToolCallDelta piece : chunk.toolCalls()) {
        Call call = calls.computeIfAbsent(piece.index(), i -> new Call());
        call.id = piece.id() != null ? piece.id() : call.id;
        call.name = piece.name() != null ? piece.name() : call.name;
        if (piece.arguments() != null) {
          call.arguments.append(piece.arguments());
        }
      }
      if (chunk.finishReason() != null) {
        finishReason = chunk.finishReason();
      }
      if (chunk.usage() != null) {
        reported = chunk.usage();
      }
    }

    String text() {
      return text.toString();
    }

    List<Call> toolCalls() {
      return new ArrayList<>(calls.values());
    }

    /** What the reply's tokens are counted from when the provider reports no usage. */
    String counted() {
      StringBuilder all = new StringBuilder(text);
      calls.values().forEach(call -> all.append(call.name).append(call.arguments));
      return all.toString();
    }

    String finishReason() {
      return finishReason != null ? finishReason : calls.isEmpty() ? "stop" : "tool_calls";
    }

    Usage reported() {
      return reported;
    }
  }
}
