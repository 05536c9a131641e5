package dev.parley.chat.control;

import dev.parley.chat.entity.DoorRequest;
import dev.parley.chat.entity.MessageInput;
import dev.parley.platform.errors.BadRequest;
import dev.parley.platform.errors.Unprocessable;
import dev.parley.provider.entity.PromptMessage;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a body of the OpenAI-compatible door against OpenAI's Chat Completions request, as far as
 * Parley relies on it: 400 for a wrong JSON type or what Parley cannot relay, 422 for a missing
 * field or a value out of range. Everything else (tools, tool calls, image parts, fields Parley
 * does not know) goes to the provider as it is, or is translated for Anthropic there.
 */
public final class DoorBodies {

  static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");
  static final String SESSION_TEXT_ONLY =
      "with X-Parley-Session the request is a turn of a stored chat session, which keeps text:"
          + " send system, user and assistant messages with text content and no tools, or send the"
          + " request without the header";

  private DoorBodies() {}

  public static DoorRequest check(JsonValue body) {
    if (!(body instanceof JsonObject request)) {
      throw new BadRequest("a JSON object body is required");
    }
    String model = requiredString(request, "model");
    JsonValue messagesValue = request.get("messages");
    if (messagesValue == null || messagesValue == JsonValue.NULL) {
      throw new Unprocessable("messages must be a non-empty array");
    }
    if (!(messagesValue instanceof JsonArray messages)) {
      throw new BadRequest("messages must be an array");
    }
    if (messages.isEmpty()) {
      throw new Unprocessable("messages must be a non-empty array");
    }
    List<PromptMessage> prompt = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      prompt.add(message(messages.get(i), "messages[" + i + "]"));
    }
    if (request.get("tools") instanceof JsonArray tools) {
      prompt.add(new PromptMessage("system", tools.toString()));
    } else if (present(request, "tools")) {
      throw new BadRequest("tools must be an array");
    }
    boolean stream = flag(request, "stream");
    boolean includeUsage = false;
    JsonValue options = request.get("stream_options");
    if (options instanceof JsonObject object) {
      includeUsage = flag(object, "include_usage");
    } else if (options != null && options != JsonValue.NULL) {
      throw new BadRequest("stream_options must be an object");
    }
    Double temperature = null;
    if (present(request, "temperature")) {
      if (!(request.get("temperature") instanceof JsonNumber number)) {
        throw new BadRequest("temperature must be a number");
      }
      temperature = number.doubleValue();
      if (temperature < 0 || temperature > 2) {
        throw new Unprocessable("temperature must be between 0.0 and 2.0");
      }
    }
    Integer maxTokens = positive(request, "max_completion_tokens");
    if (maxTokens == null) {
      maxTokens = positive(request, "max_tokens");
    }
    if (present(request, "n")
        && !(request.get("n") instanceof JsonNumber n && n.isIntegral() && n.longValue() == 1)) {
      throw new BadRequest("n must be 1: Parley relays one choice per request");
    }
    if (request.get("logprobs") == JsonValue.TRUE || present(request, "top_logprobs")) {
      throw new BadRequest("logprobs are not relayed by Parley");
    }
    return new DoorRequest(request, model, prompt, stream, includeUsage, temperature, maxTokens);
  }

  /**
   * The request's messages as the new messages of a chat session's turn: text only ({@code
   * developer} counts as {@code system}), no tools.
   */
  public static List<MessageInput> sessionMessages(DoorRequest request) {
    if (present(request.raw(), "tools") || present(request.raw(), "tool_choice")) {
      throw new BadRequest(SESSION_TEXT_ONLY);
    }
    List<MessageInput> inputs = new ArrayList<>();
    for (JsonValue value : request.raw().getJsonArray("messages")) {
      JsonObject message = (JsonObject) value;
      String role = message.getString("role");
      if ("developer".equals(role)) {
        role = "system";
      }
      if (!Set.of("system", "user", "assistant").contains(role)
          || present(message, "tool_calls")
          || !(message.get("content") instanceof JsonString)
              && !textParts(message.get("content"))) {
        throw new BadRequest(SESSION_TEXT_ONLY);
      }
      inputs.add(new MessageInput(role, text(message.get("content"))));
    }
    return inputs;
  }

  private static PromptMessage message(JsonValue value, String where) {
    if (!(value instanceof JsonObject message)) {
      throw new BadRequest(where + " must be an object");
    }
    JsonValue roleValue = message.get("role");
    if (roleValue == null || roleValue == JsonValue.NULL) {
      throw new Unprocessable(where + ".role is required");
    }
    if (!(roleValue instanceof JsonString role) || !ROLES.contains(role.getString())) {
      throw new BadRequest(where + ".role must be system, developer, user, assistant or tool");
    }
    JsonValue content = message.get("content");
    boolean toolCalls = message.get("tool_calls") instanceof JsonArray calls && !calls.isEmpty();
    if (present(message, "tool_calls") && !(message.get("tool_calls") instanceof JsonArray)) {
      throw new BadRequest(where + ".tool_calls must be an array");
    }
    if (content == null || content == JsonValue.NULL) {
      if (!toolCalls) {
        throw new Unprocessable(where + ".content is required (null only beside tool_calls)");
      }
    } else if (!(content instanceof JsonString) && !(content instanceof JsonArray)) {
      throw new BadRequest(where + ".content must be a string or an array of content parts");
    }
    StringBuilder text = new StringBuilder(text(content));
    if (toolCalls) {
      text.append(message.get("tool_calls").toString());
    }
    return new PromptMessage(role.getString(), text.toString());
  }

  /** The text of a content string or of its text parts. */
  static String text(JsonValue content) {
    if (content instanceof JsonString string) {
      return string.getString();
    }
    StringBuilder text = new StringBuilder();
    if (content instanceof JsonArray parts) {
      for (JsonValue part : parts) {
        if (part instanceof JsonObject object && object.get("text") instanceof JsonString s) {
          text.append(text.isEmpty() ? "" : "\n").append(s.getString());
        }
      }
    }
    return text.toString();
  }

  private static boolean textParts(JsonValue content) {
    if (!(content instanceof JsonArray parts)) {
      return false;
    }
    for (JsonValue part : parts) {
      if (!(part instanceof JsonObject object)
          || !(object.get("type") instanceof JsonString type)
          || !"text".equals(type.getString())
          || !(object.get("text") instanceof JsonString)) {
        return false;
      }
    }
    return true;
  }

  private static String requiredString(JsonObject request, String key) {
    JsonValue value = request.get(key);
    if (value == null || value == JsonValue.NULL) {
      throw new Unprocessable(key + " is required");
    }
    if (!(value instanceof JsonString string)) {
      throw new BadRequest(key + " must be a string");
    }
    if (string.getString().isBlank()) {
      throw new Unprocessable(key + " is required");
    }
    return string.getString();
  }

  private static boolean flag(JsonObject object, String key) {
    JsonValue value = object.get(key);
    if (value == null || value == JsonValue.NULL || value == JsonValue.FALSE) {
      return false;
    }
    if (value == JsonValue.TRUE) {
      return true;
    }
    throw new BadRequest(key + " must be true or false");
  }

  private static Integer positive(JsonObject request, String key) {
    if (!present(request, key)) {
      return null;
    }
    if (!(request.get(key) instanceof JsonNumber number) || !number.isIntegral()) {
      throw new BadRequest(key + " must be a whole number");
    }
    if (number.bigDecimalValue().signum() <= 0
        || number.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE))
            > 0) {
      throw new Unprocessable(key + " must be greater than 0");
    }
    return number.intValue();
  }

  private static boolean present(JsonObject object, String key) {
    JsonValue value = object.get(key);
    return value != null && value != JsonValue.NULL;
  }
}
