package dev.parley.provider.control;

import dev.parley.platform.errors.BadRequest;
import dev.parley.platform.json.JsonBodies;
import dev.parley.provider.entity.CompletionRequest;
import dev.parley.provider.entity.PromptMessage;
import dev.parley.provider.entity.ProviderSettings;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Request bodies in Anthropic's Messages dialect ({@code POST /v1/messages}), from a chat turn or
 * translated from a client's OpenAI request (the OpenAI-compatible door).
 *
 * <ul>
 *   <li>Every system message of the conversation (the documents' context message included) goes,
 *       joined in order, into the top-level {@code system} field; the rest must alternate user and
 *       assistant, so consecutive messages of one role are merged, empty ones are left out, and a
 *       conversation whose oldest kept message is the assistant's (trimmed to fit the model) starts
 *       with a short user note saying so.
 *   <li>{@code max_tokens} is required: the request's, else the provider's configured default.
 *   <li>{@code temperature} is capped at 1.0, Anthropic's maximum (OpenAI allows 2.0).
 *   <li>Tools: OpenAI's {@code function} tools become {@code tools} with {@code input_schema};
 *       {@code tool_choice} {@code auto}/{@code none}/{@code required}/a named function become
 *       {@code auto}/{@code none}/{@code any}/{@code tool}; an assistant's {@code tool_calls}
 *       become {@code tool_use} blocks, {@code tool} messages {@code tool_result} blocks of a user
 *       turn. Image parts become {@code image} blocks (base64 data URLs or http(s) URLs).
 *   <li>What has no translation is refused with a 400 that says so: {@code n} above 1, {@code
 *       response_format} other than text, audio, legacy {@code functions}, other content parts.
 *       Sampling options Anthropic lacks ({@code frequency_penalty}, {@code presence_penalty},
 *       {@code seed}, {@code logit_bias}) are ignored.
 * </ul>
 */
final class AnthropicRequests {

  static final String TRIMMED_NOTE = "(earlier messages of this conversation are left out)";
  static final double MAX_TEMPERATURE = 1.0;

  private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
  private static final Set<String> IMAGE_TYPES =
      Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

  private AnthropicRequests() {}

  static String body(CompletionRequest request, String upstreamId, ProviderSettings provider) {
    return request.openAi() != null
        ? translate(request.openAi(), upstreamId, provider)
        : chat(request, upstreamId, provider);
  }

  /** A chat turn: text messages. */
  static String chat(CompletionRequest request, String upstreamId, ProviderSettings provider) {
    Conversation conversation = new Conversation();
    for (PromptMessage message : request.messages()) {
      if ("system".equals(message.role())) {
        conversation.system(message.content());
      } else {
        conversation.add(message.role(), text(message.content()));
      }
    }
    JsonObjectBuilder body =
        JSON.createObjectBuilder()
            .add("model", upstreamId)
            .add(
                "max_tokens",
                request.maxTokens() != null ? request.maxTokens() : provider.maxTokens())
            .add("temperature", Math.min(MAX_TEMPERATURE, request.temperature()));
    conversation.addTo(body);
    return body.add("stream", true).build().toString();
  }

  // ---- the OpenAI-compatible door

  /** A client's OpenAI Chat Completions request in Anthropic's terms, or a 400 saying why not. */
  static String translate(JsonObject request, String upstreamId, ProviderSettings provider) {
    refuseUntranslatable(request);
    Conversation conversation = new Conversation();
    JsonArray messages = array(request, "messages");
    for (int i = 0; i < messages.size(); i++) {
      if (!(messages.get(i) instanceof JsonObject message)) {
        throw new BadRequest("messages[" + i + "] must be an object");
      }
      message(conversation, message, "messages[" + i + "]");
    }
    JsonObjectBuilder body =
        JSON.createObjectBuilder()
            .add("model", upstreamId)
            .add("max_tokens", maxTokens(request, provider));
    if (request.get("temperature") instanceof JsonNumber temperature) {
      body.add("temperature", Math.min(MAX_TEMPERATURE, temperature.doubleValue()));
    }
    if (request.get("top_p") instanceof JsonNumber topP) {
      body.add("top_p", topP);
    }
    JsonArray stop = stopSequences(request.get("stop"));
    if (stop != null) {
      body.add("stop_sequences", stop);
    }
    if (request.get("user") instanceof JsonString user) {
      body.add("metadata", JSON.createObjectBuilder().add("user_id", user));
    }
    conversation.addTo(body);
    JsonValue tools = request.get("tools");
    boolean hasTools = tools instanceof JsonArray array && !array.isEmpty();
    if (hasTools) {
      body.add("tools", tools((JsonArray) tools));
    }
    JsonObject choice = toolChoice(request);
    if (choice != null && hasTools) {
      body.add("tool_choice", choice);
    }
    return body.add("stream", true).build().toString();
  }

  private static void refuseUntranslatable(JsonObject request) {
    if (request.get("n") instanceof JsonNumber n && n.doubleValue() != 1) {
      refuse("n (several choices) has no translation for Anthropic, which answers with one");
    }
    if (request.get("response_format") instanceof JsonObject format
        && !"text".equals(stringOf(format.get("type")))) {
      refuse(
          "response_format "
              + stringOf(format.get("type"))
              + " has no translation for Anthropic; describe the format in the prompt, or use a"
              + " tool");
    }
    if (request.containsKey("audio")
        || request.get("modalities") instanceof JsonArray modalities
            && modalities.contains(Json.createValue("audio"))) {
      refuse("audio output has no translation for Anthropic");
    }
    if (request.containsKey("functions") || request.containsKey("function_call")) {
      refuse("the legacy functions/function_call fields have no translation; use tools");
    }
  }

  private static void message(Conversation conversation, JsonObject message, String where) {
    String role = stringOf(message.get("role"));
    if (role == null) {
      throw new BadRequest(where + ".role must be a string");
    }
    switch (role) {
      case "system", "developer" -> conversation.system(textOnly(message.get("content"), where));
      case "user" -> conversation.add("user", parts(message.get("content"), where));
      case "assistant" -> {
        List<JsonObject> blocks = new ArrayList<>(parts(message.get("content"), where));
        if (message.get("tool_calls") instanceof JsonArray calls) {
          for (int i = 0; i < calls.size(); i++) {
            blocks.add(toolUse(calls.get(i), where + ".tool_calls[" + i + "]"));
          }
        }
        conversation.add("assistant", blocks);
      }
      case "tool" -> {
        String id = stringOf(message.get("tool_call_id"));
        if (id == null) {
          throw new BadRequest(where + ".tool_call_id must be a string");
        }
        conversation.add(
            "user",
            List.of(
                JSON.createObjectBuilder()
                    .add("type", "tool_result")
                    .add("tool_use_id", id)
                    .add("content", textOnly(message.get("content"), where))
                    .build()));
      }
      default -> refuse(where + ".role '" + role + "' has no translation for Anthropic (use tool)");
    }
  }

  /** A content string or array of parts as Anthropic blocks (empty texts left out). */
  private static List<JsonObject> parts(JsonValue content, String where) {
    if (content == null || content == JsonValue.NULL) {
      return List.of();
    }
    if (content instanceof JsonString text) {
      return text(text.getString());
    }
    if (!(content instanceof JsonArray array)) {
      throw new BadRequest(where + ".content must be a string or an array of parts");
    }
    List<JsonObject> blocks = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String at = where + ".content[" + i + "]";
      if (!(array.get(i) instanceof JsonObject part)) {
        throw new BadRequest(at + " must be an object");
      }
      String type = stringOf(part.get("type"));
      if ("text".equals(type)) {
        blocks.addAll(text(requireString(part.get("text"), at + ".text")));
      } else if ("image_url".equals(type)) {
        blocks.add(image(part.get("image_url"), at));
      } else {
        refuse(at + ": content parts of type '" + type + "' have no translation for Anthropic");
      }
    }
    return blocks;
  }

  private static String textOnly(JsonValue content, String where) {
    StringBuilder text = new StringBuilder();
    for (JsonObject block : parts(content, where)) {
      if (!"text".equals(block.getString("type"))) {
        refuse(where + ": only text can go here for Anthropic");
      }
      if (!text.isEmpty()) {
        text.append("\n\n");
      }
      text.append(block.getString("text"));
    }
    return text.toString();
  }

  private static JsonObject image(JsonValue imageUrl, String where) {
    String url =
        imageUrl instanceof JsonObject object
            ? stringOf(object.get("url"))
            : imageUrl instanceof JsonString s ? s.getString() : null;
    if (url == null) {
      throw new BadRequest(where + ".image_url.url must be a string");
    }
    JsonObjectBuilder source = JSON.createObjectBuilder();
    if (url.startsWith("data:")) {
      int comma = url.indexOf(',');
      String header = comma < 0 ? "" : url.substring(5, comma);
      if (!header.endsWith(";base64")) {
        refuse(where + ": only base64 data URLs or http(s) URLs of images can go to Anthropic");
      }
      String mediaType = header.substring(0, header.length() - ";base64".length());
      if (!IMAGE_TYPES.contains(mediaType)) {
        refuse(where + ": Anthropic takes JPEG, PNG, GIF or WebP images, not " + mediaType);
      }
      source
          .add("type", "base64")
          .add("media_type", mediaType)
          .add("data", url.substring(comma + 1));
    } else if (url.startsWith("https://") || url.startsWith("http://")) {
      source.add("type", "url").add("url", url);
    } else {
      refuse(where + ": only base64 data URLs or http(s) URLs of images can go to Anthropic");
    }
    return JSON.createObjectBuilder().add("type", "image").add("source", source).build();
  }

  private static JsonObject toolUse(JsonValue value, String where) {
    if (!(value instanceof JsonObject call)) {
      throw new BadRequest(where + " must be an object");
    }
    String id = requireString(call.get("id"), where + ".id");
    if (!(call.get("function") instanceof JsonObject function)) {
      refuse(where + ": only function tool calls have a translation for Anthropic");
      return null;
    }
    String name = requireString(function.get("name"), where + ".function.name");
    String arguments = stringOf(function.get("arguments"));
    JsonValue input = JsonValue.EMPTY_JSON_OBJECT;
    if (arguments != null && !arguments.isBlank()) {
      try {
        input = JsonBodies.parse(arguments.getBytes(StandardCharsets.UTF_8));
      } catch (BadRequest malformed) {
        input = null;
      }
      if (!(input instanceof JsonObject)) {
        refuse(
            where
                + ".function.arguments must be a JSON object for Anthropic, which takes tool input"
                + " as an object");
      }
    }
    return JSON.createObjectBuilder()
        .add("type", "tool_use")
        .add("id", id)
        .add("name", name)
        .add("input", input)
        .build();
  }

  private static JsonArray tools(JsonArray tools) {
    JsonArrayBuilder translated = JSON.createArrayBuilder();
    for (int i = 0; i < tools.size(); i++) {
      String where = "tools[" + i + "]";
      if (!(tools.get(i) instanceof JsonObject tool)
          || !"function".equals(stringOf(tool.get("type")))
          || !(tool.get("function") instanceof JsonObject function)) {
        refuse(where + ": only function tools have a translation for Anthropic");
        return null;
      }
      JsonObjectBuilder out =
          JSON.createObjectBuilder()
              .add("name", requireString(function.get("name"), where + ".function.name"));
      if (function.get("description") instanceof JsonString description) {
        out.add("description", description);
      }
      JsonValue parameters = function.get("parameters");
      out.add(
          "input_schema",
          parameters instanceof JsonObject schema
              ? schema
              : JSON.createObjectBuilder()
                  .add("type", "object")
                  .add("properties", JsonValue.EMPTY_JSON_OBJECT)
                  .build());
      translated.add(out);
    }
    return translated.build();
  }

  private static JsonObject toolChoice(JsonObject request) {
    JsonValue choice = request.get("tool_choice");
    boolean serial = request.get("parallel_tool_calls") == JsonValue.FALSE;
    JsonObjectBuilder out = JSON.createObjectBuilder();
    if (choice == null || choice == JsonValue.NULL) {
      if (!serial) {
        return null;
      }
      out.add("type", "auto");
    } else if (choice instanceof JsonString mode) {
      switch (mode.getString()) {
        case "auto" -> out.add("type", "auto");
        case "none" -> out.add("type", "none");
        case "required" -> out.add("type", "any");
        default ->
            refuse("tool_choice '" + mode.getString() + "' has no translation for Anthropic");
      }
    } else if (choice instanceof JsonObject named
        && named.get("function") instanceof JsonObject function) {
      out.add("type", "tool")
          .add("name", requireString(function.get("name"), "tool_choice.function.name"));
    } else {
      refuse("tool_choice has no translation for Anthropic");
    }
    if (serial) {
      out.add("disable_parallel_tool_use", true);
    }
    return out.build();
  }

  private static int maxTokens(JsonObject request, ProviderSettings provider) {
    for (String key : List.of("max_completion_tokens", "max_tokens")) {
      if (request.get(key) instanceof JsonNumber number && number.isIntegral()) {
        long value = number.longValue();
        if (value > 0 && value <= Integer.MAX_VALUE) {
          return (int) value;
        }
      }
    }
    return provider.maxTokens();
  }

  private static JsonArray stopSequences(JsonValue stop) {
    if (stop instanceof JsonString one) {
      return JSON.createArrayBuilder().add(one).build();
    }
    if (stop instanceof JsonArray many) {
      JsonArrayBuilder out = JSON.createArrayBuilder();
      for (JsonValue value : many) {
        out.add(requireString(value, "stop[]"));
      }
      return out.build();
    }
    return null;
  }

  // ---- helpers

  private static List<JsonObject> text(String text) {
    return text == null || text.isEmpty()
        ? List.of()
        : List.of(JSON.createObjectBuilder().add("type", "text").add("text", text).build());
  }

  private static JsonArray array(JsonObject request, String key) {
    if (!(request.get(key) instanceof JsonArray array)) {
      throw new BadRequest(key + " must be an array");
    }
    return array;
  }

  private static String requireString(JsonValue value, String where) {
    String text = stringOf(value);
    if (text == null) {
      throw new BadRequest(where + " must be a string");
    }
    return text;
  }

  private static String stringOf(JsonValue value) {
    return value instanceof JsonString s ? s.getString() : null;
  }

  private static void refuse(String why) {
    throw new BadRequest(why);
  }

  /**
   * The conversation as Anthropic takes it: system text apart, then alternating turns of content
   * blocks (consecutive turns of one role merged, empty ones left out, a user turn first).
   */
  private static final class Conversation {
    private final StringBuilder system = new StringBuilder();
    private final List<String> roles = new ArrayList<>();
    private final List<List<JsonObject>> turns = new ArrayList<>();

    void system(String text) {
      if (text == null || text.isBlank()) {
        return;
      }
      if (!system.isEmpty()) {
        system.append("\n\n");
      }
      system.append(text);
    }

    void add(String role, List<JsonObject> blocks) {
      if (blocks.isEmpty()) {
        return;
      }
      if (!roles.isEmpty() && roles.get(roles.size() - 1).equals(role)) {
        turns.get(turns.size() - 1).addAll(blocks);
        return;
      }
      if (roles.isEmpty() && "assistant".equals(role)) {
        roles.add("user");
        turns.add(new ArrayList<>(text(TRIMMED_NOTE)));
      }
      roles.add(role);
      turns.add(new ArrayList<>(blocks));
    }

    void addTo(JsonObjectBuilder body) {
      if (!system.isEmpty()) {
        body.add("system", system.toString());
      }
      if (turns.isEmpty()) {
        throw new BadRequest("Anthropic needs at least one user message with content");
      }
      JsonArrayBuilder messages = JSON.createArrayBuilder();
      for (int i = 0; i < turns.size(); i++) {
        List<JsonObject> blocks = turns.get(i);
        JsonObjectBuilder message = JSON.createObjectBuilder().add("role", roles.get(i));
        if (blocks.size() == 1 && "text".equals(blocks.get(0).getString("type"))) {
          message.add("content", blocks.get(0).getString("text"));
        } else {
          JsonArrayBuilder content = JSON.createArrayBuilder();
          blocks.forEach(content::add);
          message.add("content", content);
        }
        messages.add(message);
      }
      body.add("messages", messages);
    }
  }
}
