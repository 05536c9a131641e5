package dev.parley.provider.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.provider.entity.CompletionChunk;
import dev.parley.provider.entity.Usage;
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
}
