package dev.parley.provider.control;

import static dev.parley.testing.Fuzz.terminates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.platform.errors.ProviderFailed;
import dev.parley.provider.entity.CompletionChunk;
import dev.parley.testing.Fuzz;
import dev.parley.testing.Property;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The provider stream reader in OpenAI's dialect: hostile input ends fast, in a failure. */
class EventStreamTest {

  static EventStream of(String sse) {
    return new EventStream(
        new ByteArrayInputStream(sse.getBytes(StandardCharsets.UTF_8)),
        Decoder.openAi(),
        Duration.ofSeconds(1));
  }

  @Test
  void readsChunksUntilDoneSkippingCommentsAndBlankLines() {
    EventStream stream =
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
    EventStream stream = of("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n");
    assertEquals("a", stream.next().content());
    assertThrows(ProviderFailed.class, stream::next);
  }

  @Test
  void unreadableChunkIsAProviderFailure() {
    assertThrows(ProviderFailed.class, () -> of("data: {oops\n\n").next());
  }

  /** A provider, a proxy or a cut connection can send anything: garbage ends the reply, fast. */
  @Test
  void aChunkCutShortInsideSkippedContentFailsInsteadOfLooping() {
    String chunk = "data: {\"id\":\"x\",\"meta\":{\"a\":[1,{\"b\":[\n\n";
    terminates(() -> assertThrows(ProviderFailed.class, () -> of(chunk).next()));
  }

  @Test
  void aTenMegabyteLineOrAnEndlessLineIsRefusedAtTheBound() {
    String huge = "data: " + "x".repeat(10 << 20) + "\n\n";
    ProviderFailed failed =
        terminates(() -> assertThrows(ProviderFailed.class, () -> of(huge).next()));
    assertEquals("the model provider sent an oversized line", failed.detail());
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 'x';
          }
        };
    EventStream stream = new EventStream(endless, Decoder.openAi(), Duration.ofSeconds(1));
    terminates(() -> assertThrows(ProviderFailed.class, stream::next));
  }

  @Test
  void everyTruncationOfAValidStreamEndsInAChunkNullOrProviderFailed() {
    String valid =
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},"
            + "\"logprobs\":{\"content\":[{\"t\":[1,2]}]}}]}\r\n\r\n"
            + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}\n\n"
            + "data: [DONE]\n\n";
    terminates(
        () -> {
          for (String prefix : Fuzz.prefixes(valid)) {
            drain(prefix.getBytes(StandardCharsets.UTF_8));
          }
          return null;
        });
    for (byte[] mutant : Fuzz.mutations(valid, 17, 2000)) {
      terminates(() -> drain(mutant));
    }
  }

  @Test
  void anyBytesFromTheProviderEndInChunksNullOrProviderFailed() {
    Property.forAll(17, 1000, Property.Gen.bytes(0, 512), body -> terminates(() -> drain(body)));
  }

  /** Reads the stream to its end: chunks, then null at [DONE], or the one expected failure. */
  static int drain(byte[] body) {
    EventStream stream =
        new EventStream(new ByteArrayInputStream(body), Decoder.openAi(), Duration.ofSeconds(1));
    int chunks = 0;
    try {
      while (stream.next() != null) {
        chunks++;
      }
    } catch (ProviderFailed expected) {
      // the reply ends with an error event; what came before is kept
    }
    return chunks;
  }
}
