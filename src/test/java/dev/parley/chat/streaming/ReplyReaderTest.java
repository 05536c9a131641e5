package dev.parley.chat.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.chat.entity.MessageStatus;
import dev.parley.provider.control.CompletionStream;
import dev.parley.provider.entity.Usage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyReaderTest {

  static CompletionStream stream(String sse) {
    return new CompletionStream(
        new ByteArrayInputStream(sse.getBytes(StandardCharsets.UTF_8)), Duration.ofSeconds(1));
  }

  static String chunk(String content) {
    return "data: {\"choices\":[{\"delta\":{\"content\":\"" + content + "\"}}]}\n\n";
  }

  @Test
  void completedWithUsageAndFinishReasonEveryTokenHandedOn() {
    LiveReply reply = new LiveReply(1, Instant.EPOCH);
    List<String> seen = new ArrayList<>();
    ReplyReader.Outcome outcome =
        ReplyReader.read(
            stream(
                chunk("Hel")
                    + chunk("lo")
                    + "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"length\"}]}\n\n"
                    + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2}}\n\n"
                    + "data: [DONE]\n\n"),
            reply,
            seen::add);
    assertEquals(MessageStatus.COMPLETED, outcome.status());
    assertEquals("length", outcome.finishReason());
    assertEquals(new Usage(9, 2), outcome.usage());
    assertEquals(List.of("Hel", "lo"), seen);
    assertEquals("Hello", reply.text());
    assertNull(outcome.failure());
  }

  @Test
  void aConsumerThatStopsCancelsTheReplyKeepingTheTextSoFar() {
    LiveReply reply = new LiveReply(1, Instant.EPOCH);
    ReplyReader.Outcome outcome =
        ReplyReader.read(
            stream(chunk("a") + chunk("b") + chunk("c") + "data: [DONE]\n\n"),
            reply,
            t -> !t.equals("b"));
    assertEquals(MessageStatus.CANCELLED, outcome.status());
    assertEquals("ab", reply.text());
  }

  @Test
  void aBrokenStreamFailsWithAProviderError() {
    LiveReply reply = new LiveReply(1, Instant.EPOCH);
    ReplyReader.Outcome outcome = ReplyReader.read(stream(chunk("part")), reply, t -> true);
    assertEquals(MessageStatus.FAILED, outcome.status());
    assertEquals(502, outcome.failure().status());
    assertEquals("part", reply.text());
  }

  @Test
  void checkpointsTakeOnlyChangedText() {
    LiveReply reply = new LiveReply(1, Instant.EPOCH);
    assertNull(reply.takeCheckpoint());
    reply.append("x");
    assertEquals("x", reply.takeCheckpoint());
    assertNull(reply.takeCheckpoint());
  }
}
