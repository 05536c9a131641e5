package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.parley.platform.json.JsonText;
import dev.parley.testing.FakeUpstream;
import dev.parley.testing.Script;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI-compatible door ({@code POST /v1/chat/completions}) driven by OpenAI's own Java SDK,
 * pointed at Parley with the Parley JWT as its API key: non-streaming and streaming answers, tool
 * call round trips through an OpenAI-compatible provider (passed through) and through Anthropic
 * (translated), refusals that say why, the same authentication and accounting as chat, and the
 * opt-in chat session.
 */
abstract class DoorTests extends DeployedApi {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final String WEATHER_ARGS = "{\"city\":\"Paris\"}";

  static FakeUpstream openai() {
    return TestEnvironment.upstream();
  }

  static FakeUpstream anthropic() {
    return TestEnvironment.anthropic();
  }

  static OpenAIClient sdk(String token) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(Api.uri("/v1").toString())
        .apiKey(token)
        .maxRetries(0)
        .timeout(WAIT)
        .build();
  }

  static FunctionDefinition weather() {
    return FunctionDefinition.builder()
        .name("get_weather")
        .description("The weather in a city")
        .parameters(
            FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty(
                    "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                .build())
        .build();
  }

  @Test
  void anOpenAiSdkGetsAWholeCompletion() {
    String token = Users.token();
    String needle = Chats.needle();
    openai().when(needle, Script.tokens("Hello", " from", " the door").usage(9, 3));
    OpenAIClient client = sdk(token);
    try {
      ChatCompletion completion =
          client
              .chat()
              .completions()
              .create(
                  ChatCompletionCreateParams.builder()
                      .model("gpt-4o")
                      .addSystemMessage("Be kind.")
                      .addUserMessage("Hi " + needle)
                      .maxCompletionTokens(50)
                      .temperature(0.3)
                      .build());
      assertEquals("gpt-4o", completion.model());
      assertEquals(
          "Hello from the door", completion.choices().get(0).message().content().orElseThrow());
      assertEquals(
          ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
      assertEquals(9, completion.usage().orElseThrow().promptTokens());
      assertEquals(3, completion.usage().orElseThrow().completionTokens());
      assertTrue(completion.id().startsWith("chatcmpl-"));
    } finally {
      client.close();
    }
    JsonObject sent = openai().awaitRequestContaining(needle, WAIT).json();
    assertEquals("gpt-4o", sent.getString("model"));
    assertEquals(50, sent.getInt("max_completion_tokens"), "passed through as it is");
    assertTrue(sent.getBoolean("stream"), "Parley streams from the provider");
    assertTrue(sent.getJsonObject("stream_options").getBoolean("include_usage"));
    assertEquals("Be kind.", sent.getJsonArray("messages").getJsonObject(0).getString("content"));
    assertEquals(
        0, Chats.history(token, "").getInt("total"), "stateless: no chat session is stored");
    JsonObject day = Api.get("/v1/usage", token).json().getJsonArray("days").getJsonObject(0);
    assertEquals("gpt-4o", day.getString("model"));
    assertEquals(12, day.getInt("total_tokens"), "accounted like chat");
  }

  @Test
  void anOpenAiSdkStreamsWithUsage() {
    String needle = Chats.needle();
    openai().when(needle, Script.tokens("One", " two", " three").usage(5, 3).gapMillis(20));
    OpenAIClient client = sdk(Users.token());
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client
            .chat()
            .completions()
            .createStreaming(
                ChatCompletionCreateParams.builder()
                    .model("gpt-4o")
                    .addUserMessage(needle)
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      stream.stream().forEach(chunks::add);
    } finally {
      client.close();
    }
    StringBuilder text = new StringBuilder();
    chunks.stream()
        .flatMap(c -> c.choices().stream())
        .forEach(c -> c.delta().content().ifPresent(text::append));
    assertEquals("One two three", text.toString());
    assertTrue(chunks.stream().allMatch(c -> "gpt-4o".equals(c.model())));
    ChatCompletionChunk last = chunks.get(chunks.size() - 1);
    assertTrue(last.choices().isEmpty(), "the usage chunk has no choices");
    assertEquals(8, last.usage().orElseThrow().totalTokens());
    assertEquals(
        ChatCompletionChunk.Choice.FinishReason.STOP,
        chunks.get(chunks.size() - 2).choices().get(0).finishReason().orElseThrow());
  }

  @Test
  void aToolCallRoundTripPassesThroughAnOpenAiCompatibleProviderUnchanged() {
    String needle = Chats.needle();
    openai().when(needle, Script.tokens().thenToolCall("call_1", "get_weather", WEATHER_ARGS));
    OpenAIClient client = sdk(Users.token());
    try {
      ChatCompletionCreateParams ask =
          ChatCompletionCreateParams.builder()
              .model("gpt-4o")
              .addUserMessage("Weather in Paris? " + needle)
              .addFunctionTool(weather())
              .build();
      ChatCompletion first = client.chat().completions().create(ask);
      ChatCompletionMessage message = first.choices().get(0).message();
      ChatCompletionMessageFunctionToolCall call =
          message.toolCalls().orElseThrow().get(0).asFunction();
      assertEquals("call_1", call.id());
      assertEquals("get_weather", call.function().name());
      assertEquals(WEATHER_ARGS, call.function().arguments());
      assertEquals(
          ChatCompletion.Choice.FinishReason.TOOL_CALLS, first.choices().get(0).finishReason());
      JsonObject firstSent = openai().awaitRequestContaining(needle, WAIT).json();
      assertEquals(
          "get_weather",
          firstSent
              .getJsonArray("tools")
              .getJsonObject(0)
              .getJsonObject("function")
              .getString("name"));

      String answer = Chats.needle();
      openai().when(answer, Script.tokens("18 C in Paris"));
      ChatCompletion second =
          client
              .chat()
              .completions()
              .create(
                  ask.toBuilder()
                      .addMessage(message)
                      .addMessage(
                          ChatCompletionToolMessageParam.builder()
                              .toolCallId("call_1")
                              .content("18 C " + answer)
                              .build())
                      .build());
      assertEquals("18 C in Paris", second.choices().get(0).message().content().orElseThrow());
      JsonArray sent =
          openai().awaitRequestContaining(answer, WAIT).json().getJsonArray("messages");
      JsonObject assistant = sent.getJsonObject(1);
      assertEquals("assistant", assistant.getString("role"));
      assertEquals(
          WEATHER_ARGS,
          assistant
              .getJsonArray("tool_calls")
              .getJsonObject(0)
              .getJsonObject("function")
              .getString("arguments"));
      assertEquals("tool", sent.getJsonObject(2).getString("role"));
      assertEquals("call_1", sent.getJsonObject(2).getString("tool_call_id"));
    } finally {
      client.close();
    }
  }

  @Test
  void aStreamedToolCallRoundTripIsTranslatedForAnthropic() {
    String needle = Chats.needle();
    anthropic()
        .when(
            needle,
            Script.tokens("Let me check.").thenToolCall("toolu_1", "get_weather", WEATHER_ARGS));
    OpenAIClient client = sdk(Users.token());
    try {
      ChatCompletionCreateParams ask =
          ChatCompletionCreateParams.builder()
              .model("claude-sonnet")
              .addSystemMessage("Use tools.")
              .addUserMessage("Weather in Paris? " + needle)
              .addFunctionTool(weather())
              .build();
      ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
      try (StreamResponse<ChatCompletionChunk> stream =
          client.chat().completions().createStreaming(ask)) {
        stream.stream().forEach(accumulator::accumulate);
      }
      ChatCompletion first = accumulator.chatCompletion();
      ChatCompletionMessage message = first.choices().get(0).message();
      assertEquals("Let me check.", message.content().orElseThrow());
      ChatCompletionMessageFunctionToolCall call =
          message.toolCalls().orElseThrow().get(0).asFunction();
      assertEquals("toolu_1", call.id());
      assertEquals("get_weather", call.function().name());
      assertEquals(WEATHER_ARGS, call.function().arguments(), "input_json_delta pieces joined");
      assertEquals(
          ChatCompletion.Choice.FinishReason.TOOL_CALLS, first.choices().get(0).finishReason());
      JsonObject firstSent = anthropic().awaitRequestContaining(needle, WAIT).json();
      assertEquals("Use tools.", firstSent.getString("system"));
      JsonObject tool = firstSent.getJsonArray("tools").getJsonObject(0);
      assertEquals("get_weather", tool.getString("name"));
      assertEquals("object", tool.getJsonObject("input_schema").getString("type"));

      String answer = Chats.needle();
      anthropic().when(answer, Script.tokens("Sunny, 18 C"));
      ChatCompletion second =
          client
              .chat()
              .completions()
              .create(
                  ask.toBuilder()
                      .addMessage(message)
                      .addMessage(
                          ChatCompletionToolMessageParam.builder()
                              .toolCallId("toolu_1")
                              .content("18 C " + answer)
                              .build())
                      .build());
      assertEquals("Sunny, 18 C", second.choices().get(0).message().content().orElseThrow());
      assertEquals("claude-sonnet", second.model());
      JsonArray sent =
          anthropic().awaitRequestContaining(answer, WAIT).json().getJsonArray("messages");
      assertEquals(3, sent.size(), sent::toString);
      JsonArray assistant = sent.getJsonObject(1).getJsonArray("content");
      assertEquals("Let me check.", assistant.getJsonObject(0).getString("text"));
      JsonObject toolUse = assistant.getJsonObject(1);
      assertEquals("tool_use", toolUse.getString("type"));
      assertEquals("toolu_1", toolUse.getString("id"));
      assertEquals("Paris", toolUse.getJsonObject("input").getString("city"));
      JsonObject result = sent.getJsonObject(2).getJsonArray("content").getJsonObject(0);
      assertEquals("tool_result", result.getString("type"));
      assertEquals("toolu_1", result.getString("tool_use_id"));
      assertEquals("18 C " + answer, result.getString("content"));
    } finally {
      client.close();
    }
  }

  @Test
  void imagePartsPassThroughToOpenAiAndBecomeImageBlocksForAnthropic() {
    String needle = Chats.needle();
    String body =
        "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
            + JsonText.quote("What is this? " + needle)
            + "},{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}}]}]}";
    assertEquals(
        200, Api.post("/v1/chat/completions", Users.token(), body.formatted("gpt-4o")).status());
    JsonObject toOpenAi =
        openai()
            .awaitRequestContaining(needle, WAIT)
            .json()
            .getJsonArray("messages")
            .getJsonObject(0);
    assertEquals(
        "data:image/png;base64,iVBORw0KGgo=",
        toOpenAi
            .getJsonArray("content")
            .getJsonObject(1)
            .getJsonObject("image_url")
            .getString("url"));
    assertEquals(
        200,
        Api.post("/v1/chat/completions", Users.token(), body.formatted("claude-sonnet")).status());
    JsonObject image =
        anthropic()
            .awaitRequestContaining(needle, WAIT)
            .json()
            .getJsonArray("messages")
            .getJsonObject(0)
            .getJsonArray("content")
            .getJsonObject(1);
    assertEquals("image", image.getString("type"));
    assertEquals("image/png", image.getJsonObject("source").getString("media_type"));
  }

  @Test
  void whatCannotBeRelayedOrTranslatedIsA400ThatSaysWhy() {
    OpenAIClient client = sdk(Users.token());
    try {
      BadRequestException n =
          assertThrows(
              BadRequestException.class,
              () ->
                  client
                      .chat()
                      .completions()
                      .create(
                          ChatCompletionCreateParams.builder()
                              .model("gpt-4o")
                              .addUserMessage("x")
                              .n(2)
                              .build()));
      assertTrue(n.getMessage().contains("n must be 1"), n::getMessage);
    } finally {
      client.close();
    }
    Api.Reply json =
        Api.post(
            "/v1/chat/completions",
            Users.token(),
            "{\"model\":\"claude-sonnet\",\"response_format\":{\"type\":\"json_schema\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertEquals(400, json.status(), json::toString);
    assertTrue(
        json.detail().contains("response_format json_schema has no translation"), json::toString);
    Api.Reply unknown =
        Api.post(
            "/v1/chat/completions",
            Users.token(),
            "{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertEquals(400, unknown.status());
    assertTrue(unknown.detail().startsWith("unknown model 'gpt-5'"), unknown::toString);
    Api.Reply missing = Api.post("/v1/chat/completions", Users.token(), "{\"model\":\"gpt-4o\"}");
    assertEquals(422, missing.status(), missing::toString);
  }

  @Test
  void theSameAuthenticationAndLimitsAsChat() {
    OpenAIClient stranger = sdk("not-a-parley-token");
    try {
      assertThrows(
          UnauthorizedException.class,
          () ->
              stranger
                  .chat()
                  .completions()
                  .create(
                      ChatCompletionCreateParams.builder()
                          .model("gpt-4o")
                          .addUserMessage("x")
                          .build()));
    } finally {
      stranger.close();
    }
    Api.Reply reply =
        Api.post(
            "/v1/chat/completions",
            Users.token(),
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"limits\"}]}");
    assertEquals(200, reply.status(), reply::toString);
    assertTrue(reply.header("RateLimit-Remaining").isPresent(), "counted against the tier's rate");
  }

  @Test
  void aFallbackAnswersTheDoorToo() {
    String needle = Chats.needle();
    openai().when(needle, Script.tokens().failWithStatus(503, "{}"));
    anthropic().when(needle, Script.tokens("Claude", " answered"));
    OpenAIClient client = sdk(Users.token());
    try {
      ChatCompletion completion =
          client
              .chat()
              .completions()
              .create(
                  ChatCompletionCreateParams.builder()
                      .model("flaky-gpt")
                      .addUserMessage(needle)
                      .build());
      assertEquals("claude-sonnet", completion.model(), "the model that answered");
      assertEquals(
          "Claude answered", completion.choices().get(0).message().content().orElseThrow());
    } finally {
      client.close();
    }
  }

  @Test
  void aFailureAfterTheFirstTokenIsAnErrorObjectInTheStream() {
    String needle = Chats.needle();
    openai().when(needle, Script.tokens("a", "b").dropAfter(1));
    try (SseClient sse =
        SseClient.post(
            "/v1/chat/completions",
            Users.token(),
            "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                + JsonText.quote(needle)
                + "}]}")) {
      assertEquals(200, sse.status(), sse::bodyText);
      List<SseClient.Event> events = sse.rest(WAIT);
      JsonObject first = Api.parse(events.get(0).data()).asJsonObject();
      assertEquals("chat.completion.chunk", first.getString("object"));
      JsonObject delta = first.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
      assertEquals("assistant", delta.getString("role"));
      assertEquals("a", delta.getString("content"));
      JsonObject error = Api.parse(events.get(1).data()).asJsonObject().getJsonObject("error");
      assertTrue(error.getString("message").contains("provider"), error::toString);
      assertEquals("502", error.getString("code"));
      assertEquals("[DONE]", events.get(2).data());
    }
  }

  /**
   * {@code X-Parley-Session}: the messages are a turn of a stored session; a later request sends
   * only its new message and the provider gets the whole conversation.
   */
  @Test
  void aSessionIsOptInAndKeepsTheConversation() {
    String token = Users.token();
    String first = Chats.needle();
    openai().when(first, Script.tokens("Noted."));
    Api.Reply opened =
        Api.send(
            Api.request("/v1/chat/completions", token)
                .header("Content-Type", "application/json")
                .header("X-Parley-Session", "new")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
                            + JsonText.quote("Remember 42. " + first)
                            + "}]}"))
                .build());
    assertEquals(200, opened.status(), opened::toString);
    assertEquals("chat.completion", opened.json().getString("object"));
    long session = Long.parseLong(opened.header("X-Session-Id").orElseThrow());

    String second = Chats.needle();
    anthropic().when(second, Script.tokens("It", " was", " 42."));
    try (SseClient sse =
        SseClient.post(
            "/v1/chat/completions",
            token,
            Map.of("X-Parley-Session", Long.toString(session)),
            "{\"model\":\"claude-sonnet\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":"
                + JsonText.quote("What number? " + second)
                + "}]}")) {
      assertEquals(200, sse.status(), sse::bodyText);
      assertEquals(Long.toString(session), sse.header("X-Session-Id"));
      List<String> data = sse.rest(WAIT).stream().map(SseClient.Event::data).toList();
      StringBuilder text = new StringBuilder();
      for (String chunk : data.subList(0, data.size() - 3)) {
        text.append(
            Api.parse(chunk)
                .asJsonObject()
                .getJsonArray("choices")
                .getJsonObject(0)
                .getJsonObject("delta")
                .getString("content"));
      }
      assertEquals("It was 42.", text.toString());
      JsonObject finish = Api.parse(data.get(data.size() - 3)).asJsonObject();
      assertEquals(
          "stop", finish.getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
      JsonObject usage = Api.parse(data.get(data.size() - 2)).asJsonObject();
      assertTrue(usage.getJsonObject("usage").getInt("completion_tokens") > 0, usage::toString);
      assertEquals("[DONE]", data.get(data.size() - 1));
    }
    JsonArray toClaude =
        anthropic().awaitRequestContaining(second, WAIT).json().getJsonArray("messages");
    assertEquals(3, toClaude.size(), toClaude::toString);
    assertEquals("Noted.", toClaude.getJsonObject(1).getString("content"));
    JsonArray history = Chats.session(token, session).getJsonArray("messages");
    assertEquals(4, history.size(), history::toString);
    assertEquals("claude-sonnet", history.getJsonObject(3).getString("model"));

    Api.Reply tools =
        Api.send(
            Api.request("/v1/chat/completions", token)
                .header("Content-Type", "application/json")
                .header("X-Parley-Session", Long.toString(session))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gpt-4o\",\"tools\":[],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .build());
    assertEquals(400, tools.status(), tools::toString);
    assertTrue(tools.detail().contains("X-Parley-Session"), tools::toString);
    Api.Reply foreign =
        Api.send(
            Api.request("/v1/chat/completions", Users.token())
                .header("Content-Type", "application/json")
                .header("X-Parley-Session", Long.toString(session))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .build());
    assertEquals(404, foreign.status(), "another user's session: " + foreign);
  }
}
