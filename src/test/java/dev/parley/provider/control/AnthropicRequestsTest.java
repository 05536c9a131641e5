package dev.parley.provider.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.errors.BadRequest;
import dev.parley.provider.entity.CompletionRequest;
import dev.parley.provider.entity.ModelDescriptor;
import dev.parley.provider.entity.PromptMessage;
import dev.parley.provider.entity.ProviderKind;
import dev.parley.provider.entity.ProviderSettings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chat turns and OpenAI requests in Anthropic's Messages dialect. */
class AnthropicRequestsTest {

  static final ProviderSettings ANTHROPIC =
      new ProviderSettings(
          "anthropic",
          ProviderKind.ANTHROPIC,
          "https://api.anthropic.com",
          "k",
          "x-api-key",
          Duration.ofSeconds(1),
          Duration.ofSeconds(60),
          Duration.ofSeconds(60),
          Map.of(),
          Map.of(),
          "2023-06-01",
          1024,
          false);
  static final ModelDescriptor CLAUDE =
      new ModelDescriptor(
          "claude", "claude-x", "anthropic", ProviderKind.ANTHROPIC, false, List.of());

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  static JsonObject chat(List<PromptMessage> messages, double temperature, Integer maxTokens) {
    return json(
        AnthropicRequests.chat(
            new CompletionRequest(CLAUDE, messages, temperature, maxTokens),
            "claude-x",
            ANTHROPIC));
  }

  static JsonObject door(String openAi) {
    return json(AnthropicRequests.translate(json(openAi), "claude-x", ANTHROPIC));
  }

  @Test
  void everySystemMessageGoesToTheTopLevelAndTurnsAlternate() {
    JsonObject body =
        chat(
            List.of(
                new PromptMessage("system", "<documents>facts</documents>"),
                new PromptMessage("system", "Be brief."),
                new PromptMessage("user", "Hi"),
                new PromptMessage("user", "Are you there?"),
                new PromptMessage("assistant", ""),
                new PromptMessage("assistant", "Yes."),
                new PromptMessage("user", "Good")),
            1.5,
            null);
    assertEquals("claude-x", body.getString("model"));
    assertEquals("<documents>facts</documents>\n\nBe brief.", body.getString("system"));
    assertEquals(1024, body.getInt("max_tokens"), "the configured default: Anthropic requires one");
    assertEquals(1.0, body.getJsonNumber("temperature").doubleValue(), "capped at Anthropic's 1.0");
    assertTrue(body.getBoolean("stream"));
    var messages = body.getJsonArray("messages");
    assertEquals(3, messages.size(), messages::toString);
    assertEquals("user", messages.getJsonObject(0).getString("role"));
    assertEquals(
        "[{\"type\":\"text\",\"text\":\"Hi\"},{\"type\":\"text\",\"text\":\"Are you there?\"}]",
        messages.getJsonObject(0).getJsonArray("content").toString(),
        "consecutive user messages merged");
    assertEquals("Yes.", messages.getJsonObject(1).getString("content"), "empty one left out");
    assertEquals("Good", messages.getJsonObject(2).getString("content"));
  }

  @Test
  void aConversationTrimmedToAnAssistantMessageStartsWithAUserNote() {
    JsonObject body =
        chat(
            List.of(
                new PromptMessage("assistant", "Earlier answer"), new PromptMessage("user", "So?")),
            0.7,
            50);
    assertEquals(50, body.getInt("max_tokens"));
    assertEquals(
        AnthropicRequests.TRIMMED_NOTE,
        body.getJsonArray("messages").getJsonObject(0).getString("content"));
    assertEquals("assistant", body.getJsonArray("messages").getJsonObject(1).getString("role"));
  }

  @Test
  void toolsToolCallsToolResultsAndImagesAreTranslated() {
    JsonObject body =
        door(
            """
            {"model":"claude","max_completion_tokens":300,"temperature":0.2,"stop":"END","user":"u-1",
             "parallel_tool_calls":false,
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather",
               "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
             "tool_choice":{"type":"function","function":{"name":"get_weather"}},
             "messages":[
               {"role":"developer","content":"Use tools."},
               {"role":"user","content":[{"type":"text","text":"Weather here?"},
                 {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]},
               {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                 "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
               {"role":"tool","tool_call_id":"call_1","content":"18 C"}]}
            """);
    assertEquals("Use tools.", body.getString("system"));
    assertEquals(300, body.getInt("max_tokens"));
    assertEquals("[\"END\"]", body.getJsonArray("stop_sequences").toString());
    assertEquals("u-1", body.getJsonObject("metadata").getString("user_id"));
    assertEquals(
        "{\"name\":\"get_weather\",\"description\":\"Weather\",\"input_schema\":{\"type\":\"object\","
            + "\"properties\":{\"city\":{\"type\":\"string\"}}}}",
        body.getJsonArray("tools").getJsonObject(0).toString());
    assertEquals(
        "{\"type\":\"tool\",\"name\":\"get_weather\",\"disable_parallel_tool_use\":true}",
        body.getJsonObject("tool_choice").toString());
    var messages = body.getJsonArray("messages");
    assertEquals(
        "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
            + "\"data\":\"iVBORw0KGgo=\"}}",
        messages.getJsonObject(0).getJsonArray("content").getJsonObject(1).toString());
    assertEquals(
        "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"call_1\","
            + "\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}]}",
        messages.getJsonObject(1).toString());
    assertEquals(
        "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"call_1\","
            + "\"content\":\"18 C\"}]}",
        messages.getJsonObject(2).toString());
  }

  @Test
  void toolChoiceModes() {
    String tools =
        "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]";
    assertEquals(
        "{\"type\":\"any\"}",
        door("{\"tool_choice\":\"required\"," + tools + "}")
            .getJsonObject("tool_choice")
            .toString());
    assertEquals(
        "{\"type\":\"none\"}",
        door("{\"tool_choice\":\"none\"," + tools + "}").getJsonObject("tool_choice").toString());
    JsonObject auto = door("{" + tools + "}");
    assertFalse(auto.containsKey("tool_choice"));
    assertEquals(
        "{\"type\":\"object\",\"properties\":{}}",
        auto.getJsonArray("tools").getJsonObject(0).getJsonObject("input_schema").toString());
  }

  @Test
  void whatHasNoTranslationIsA400ThatSaysWhy() {
    String user = "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]";
    assertRefused("n (several choices)", "{\"n\":2," + user + "}");
    assertRefused(
        "response_format json_schema",
        "{\"response_format\":{\"type\":\"json_schema\"}," + user + "}");
    assertRefused(
        "content parts of type 'input_audio'",
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\",\"input_audio\":{}}]}]}");
    assertRefused(
        "JPEG, PNG, GIF or WebP",
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
            + "\"image_url\":{\"url\":\"data:image/tiff;base64,AA==\"}}]}]}");
    assertRefused(
        "must be a JSON object",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"tool_calls\":"
            + "[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"[1\"}}]}]}");
    assertRefused("only function tools", "{\"tools\":[{\"type\":\"web_search\"}]," + user + "}");
    assertRefused(
        "at least one user message", "{\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}");
    assertRefused("use tools", "{\"functions\":[]," + user + "}");
  }

  static void assertRefused(String why, String openAi) {
    BadRequest refused = assertThrows(BadRequest.class, () -> door(openAi));
    assertTrue(refused.detail().contains(why), refused::detail);
  }
}
