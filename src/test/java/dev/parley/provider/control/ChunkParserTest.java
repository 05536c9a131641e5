package dev.parley.provider.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.errors.ProviderFailed;
import dev.parley.provider.entity.CompletionChunk;
import dev.parley.provider.entity.ToolCallDelta;
import dev.parley.provider.entity.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkParserTest {

  @Test
  void contentDelta() {
    CompletionChunk chunk =
        ChunkParser.parse(
            "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"Hel\\nlo \\\"x\\\"\"},\"finish_reason\":null}]}");
    assertEquals("Hel\nlo \"x\"", chunk.content());
    assertNull(chunk.finishReason());
    assertNull(chunk.usage());
  }

  @Test
  void skipsWhatItDoesNotNeedAtAnyDepthAndReadsOnlyTheFirstChoice() {
    CompletionChunk chunk =
        ChunkParser.parse(
            "{\"system_fingerprint\":null,\"meta\":{\"a\":[1,{\"content\":\"no\"}]},"
                + "\"choices\":[{\"logprobs\":{\"content\":[{\"token\":\"x\"}]},"
                + "\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"t\"}],"
                + "\"content\":\"yes\"},\"finish_reason\":\"stop\"},"
                + "{\"delta\":{\"content\":\"second\"}}],\"usage\":null}");
    assertEquals("yes", chunk.content());
    assertEquals("stop", chunk.finishReason());
    assertNull(chunk.usage());
  }

  @Test
  void malformedOrNonObjectChunksAreRejected() {
    assertThrows(RuntimeException.class, () -> ChunkParser.parse("{\"choices\":[{\"delta\":"));
    assertThrows(RuntimeException.class, () -> ChunkParser.parse("[1,2]"));
  }

  @Test
  void usageChunkHasEmptyChoices() {
    CompletionChunk chunk =
        ChunkParser.parse(
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}");
    assertFalse(chunk.hasContent());
    assertEquals(new Usage(12, 5), chunk.usage());
  }

  @Test
  void finishChunkWithEmptyDelta() {
    CompletionChunk chunk =
        ChunkParser.parse(
            "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}");
    assertFalse(chunk.hasContent());
    assertEquals("length", chunk.finishReason());
  }

  @Test
  void roleOnlyAndNullContentAreNotContent() {
    assertFalse(
        ChunkParser.parse("{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}").hasContent());
    assertFalse(ChunkParser.parse("{\"choices\":[{\"delta\":{\"content\":null}}]}").hasContent());
  }

  @Test
  void wholeCompletionMessage() {
    CompletionChunk chunk =
        ChunkParser.parse(
            "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}");
    assertEquals("Hi", chunk.content());
    assertEquals("stop", chunk.finishReason());
  }

  @Test
  void errorMessageOfProviderBody() {
    assertEquals("bad key", ChunkParser.errorMessage("{\"error\":{\"message\":\"bad key\"}}"));
    assertNull(ChunkParser.errorMessage("<html>"));
  }

  @Test
  void toolCallPieces() {
    CompletionChunk start =
        ChunkParser.parse(
            "{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,"
                + "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}}]}");
    assertEquals(List.of(new ToolCallDelta(0, "call_1", "f", "")), start.toolCalls());
    assertTrue(start.hasOutput());
    assertFalse(start.hasContent());
    CompletionChunk piece =
        ChunkParser.parse(
            "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{\\\"a\"}}]}}]}");
    assertEquals(List.of(new ToolCallDelta(1, null, null, "{\"a")), piece.toolCalls());
  }

  @Test
  void anErrorObjectInTheStreamIsAProviderFailure() {
    ProviderFailed failed =
        assertThrows(
            ProviderFailed.class,
            () ->
                ChunkParser.parse(
                    "{\"error\":{\"message\":\"secret\",\"type\":\"server_error\"}}"));
    assertFalse(failed.detail().contains("secret"));
    assertTrue(ProviderErrors.allowsFallback(failed));
  }
}
