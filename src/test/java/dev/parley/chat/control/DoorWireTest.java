package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.provider.entity.CompletionChunk;
import dev.parley.provider.entity.ToolCallDelta;
import dev.parley.provider.entity.Usage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The door's answers in OpenAI's format. */
class DoorWireTest {

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  @Test
  void chunksCarryTheRoleOnceThenTextAndToolCallPiecesThenTheFinishAndUsage() {
    DoorWire wire = new DoorWire(1700000000);
    JsonObject first = json(wire.delta("gpt-4o", new CompletionChunk("Hel\n\"lo\"", null, null)));
    assertEquals("chat.completion.chunk", first.getString("object"));
    assertEquals(1700000000, first.getJsonNumber("created").longValue());
    assertEquals("gpt-4o", first.getString("model"));
    assertTrue(first.getString("id").startsWith("chatcmpl-"));
    JsonObject choice = first.getJsonArray("choices").getJsonObject(0);
    assertEquals(0, choice.getInt("index"));
    assertEquals(
        "{\"role\":\"assistant\",\"content\":\"Hel\\n\\\"lo\\\"\"}",
        choice.getJsonObject("delta").toString());
    assertTrue(choice.isNull("finish_reason"));

    JsonObject tool =
        json(
            wire.delta(
                "gpt-4o",
                new CompletionChunk(
                    null, null, null, List.of(new ToolCallDelta(0, "call_1", "f", "")))));
    assertEquals(
        "{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}",
        tool.getJsonArray("choices").getJsonObject(0).getJsonObject("delta").toString());
    JsonObject piece =
        json(
            wire.delta(
                "gpt-4o",
                new CompletionChunk(
                    null, null, null, List.of(new ToolCallDelta(0, null, null, "{\"a\"")))));
    assertEquals(
        "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\"\"}}]}",
        piece.getJsonArray("choices").getJsonObject(0).getJsonObject("delta").toString());

    JsonObject finish = json(wire.finish("gpt-4o", "tool_calls"));
    assertEquals(
        "{}", finish.getJsonArray("choices").getJsonObject(0).getJsonObject("delta").toString());
    assertEquals(
        "tool_calls", finish.getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
    JsonObject usage = json(wire.usage("gpt-4o", new Usage(5, 7)));
    assertTrue(usage.getJsonArray("choices").isEmpty());
    assertEquals(12, usage.getJsonObject("usage").getInt("total_tokens"));
    assertEquals(first.getString("id"), usage.getString("id"), "one id per answer");
  }

  @Test
  void aWholeCompletionIsAssembledFromItsChunks() {
    DoorWire.Assembled reply = new DoorWire.Assembled();
    reply.add(new CompletionChunk("Let me ", null, null));
    reply.add(new CompletionChunk("check.", null, null));
    reply.add(new CompletionChunk(null, null, null, List.of(new ToolCallDelta(0, "t1", "f", ""))));
    reply.add(
        new CompletionChunk(
            null, null, null, List.of(new ToolCallDelta(0, null, null, "{\"a\":"))));
    reply.add(
        new CompletionChunk(null, null, null, List.of(new ToolCallDelta(0, null, null, "1}"))));
    reply.add(new CompletionChunk(null, "tool_calls", new Usage(3, 4)));
    JsonObject completion = json(new DoorWire(1).completion("claude", reply, new Usage(3, 4)));
    assertEquals("chat.completion", completion.getString("object"));
    assertEquals("claude", completion.getString("model"));
    JsonObject choice = completion.getJsonArray("choices").getJsonObject(0);
    assertEquals("tool_calls", choice.getString("finish_reason"));
    JsonObject message = choice.getJsonObject("message");
    assertEquals("Let me check.", message.getString("content"));
    assertTrue(message.isNull("refusal"));
    assertEquals(
        "{\"id\":\"t1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}",
        message.getJsonArray("tool_calls").getJsonObject(0).toString());
    assertEquals(7, completion.getJsonObject("usage").getInt("total_tokens"));
    assertEquals(new Usage(3, 4), reply.reported());
  }

  @Test
  void streamErrorsAreOpenAiErrorObjects() {
    JsonObject error =
        json(DoorWire.error("the model provider failed (HTTP 500)", 502)).getJsonObject("error");
    assertEquals("the model provider failed (HTTP 500)", error.getString("message"));
    assertEquals("provider_error", error.getString("type"));
    assertEquals("502", error.getString("code"));
  }
}
