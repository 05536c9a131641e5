package dev.parley.provider.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.platform.errors.ProviderFailed;
import dev.parley.provider.entity.CompletionChunk;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CompletionStreamTest {

  static CompletionStream of(String sse) {
    return new CompletionStream(
        new ByteArrayInputStream(sse.getBytes(StandardCharsets.UTF_8)), Duration.ofSeconds(1));
  }

  @Test
  void readsChunksUntilDoneSkippingCommentsAndBlankLines() {
    CompletionStream stream =
        of(
            ": keep-alive\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"
                + "data:{\"choices\":[{\"delta\":{\"content\":\"b\"}}]}\n\n"
                + "data:\n\n"
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}\n\n"
                + "data: [DONE]\n\n");
    assertEquals("a", stream.next().content());
    assertEquals("b", stream.next().content());
    CompletionChunk usage = stream.next();
    assertEquals(2, usage.usage().completionTokens());
    assertNull(stream.next());
  }

  @Test
  void streamEndingWithoutDoneIsAProviderFailure() {
    CompletionStream stream = of("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n");
    assertEquals("a", stream.next().content());
    assertThrows(ProviderFailed.class, stream::next);
  }

  @Test
  void unreadableChunkIsAProviderFailure() {
    assertThrows(ProviderFailed.class, () -> of("data: {oops\n\n").next());
  }
}
