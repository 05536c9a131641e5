package dev.parley.provider.control;

import static dev.parley.testing.Fuzz.terminates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.errors.ProviderFailed;
import dev.parley.provider.entity.CompletionChunk;
import dev.parley.provider.entity.ToolCallDelta;
import dev.parley.provider.entity.Usage;
import dev.parley.testing.Fuzz;
import dev.parley.testing.Property;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Anthropic's streaming events as chunks; hostile input ends fast, in a failure. */
class AnthropicEventsTest {

  static final String STREAM =
      "event: message_start\n"
          + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
          + "\"role\":\"assistant\",\"content\":[],\"model\":\"claude\",\"stop_reason\":null,"
          + "\"usage\":{\"input_tokens\":25,\"cache_read_input_tokens\":5,\"output_tokens\":1}}}\n\n"
          + "event: content_block_start\n"
          + "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
          + "event: ping\ndata: {\"type\": \"ping\"}\n\n"
          + "event: content_block_delta\n"
          + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}\n\n"
          + "event: content_block_delta\n"
          + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"lo\\n\"}}\n\n"
          + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
          + "event: message_delta\n"
          + "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
          + "\"usage\":{\"output_tokens\":15}}\n\n"
          + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

  static EventStream of(String sse) {
    return of(sse.getBytes(StandardCharsets.UTF_8));
  }

  static EventStream of(byte[] sse) {
    return new EventStream(
        new ByteArrayInputStream(sse), new AnthropicEvents(), Duration.ofSeconds(1));
  }

  static List<CompletionChunk> all(String sse) {
    EventStream stream = of(sse);
    List<CompletionChunk> chunks = new ArrayList<>();
    CompletionChunk chunk;
    while ((chunk = stream.next()) != null) {
      chunks.add(chunk);
    }
    return chunks;
  }

  @Test
  void textDeltasThenStopReasonAndUsageThenTheEnd() {
    List<CompletionChunk> chunks = all(STREAM);
    assertEquals(3, chunks.size(), chunks::toString);
    assertEquals("Hel", chunks.get(0).content());
    assertEquals("lo\n", chunks.get(1).content());
    assertEquals("stop", chunks.get(2).finishReason());
    assertEquals(new Usage(30, 15), chunks.get(2).usage(), "cached input counts as input");
  }

  @Test
  void toolUseBlocksBecomeOpenAiToolCallPieces() {
    List<CompletionChunk> chunks =
        all(
            "data: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}\n\n"
                + "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
                + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Let me check.\"}}\n\n"
                + "data: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\","
                + "\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}}\n\n"
                + "data: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":\"}}\n\n"
                + "data: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"Paris\\\"}\"}}\n\n"
                + "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":20}}\n\n"
                + "data: {\"type\":\"message_stop\"}\n\n");
    assertEquals("Let me check.", chunks.get(0).content());
    assertEquals(
        List.of(new ToolCallDelta(0, "toolu_1", "get_weather", "")), chunks.get(1).toolCalls());
    assertEquals(
        List.of(new ToolCallDelta(0, null, null, "{\"city\":")), chunks.get(2).toolCalls());
    assertEquals(
        List.of(new ToolCallDelta(0, null, null, "\"Paris\"}")), chunks.get(3).toolCalls());
    assertTrue(chunks.get(1).hasOutput() && !chunks.get(1).hasContent());
    assertEquals("tool_calls", chunks.get(4).finishReason());
    assertEquals(new Usage(10, 20), chunks.get(4).usage());
  }

  @Test
  void overloadedAndOtherErrorEventsAreProviderFailures() {
    ProviderFailed overloaded =
        assertThrows(
            ProviderFailed.class,
            () ->
                all(
                    "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                        + "\"message\":\"Overloaded\"}}\n\n"));
    assertEquals("the model provider is overloaded (overloaded_error)", overloaded.detail());
    assertTrue(ProviderErrors.allowsFallback(overloaded));
    ProviderFailed invalid =
        assertThrows(
            ProviderFailed.class,
            () ->
                all(
                    "data: {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                        + "\"message\":\"secret internals\"}}\n\n"));
    assertFalse(invalid.detail().contains("secret"), "the provider's message never reaches users");
    assertFalse(ProviderErrors.allowsFallback(invalid), "the next model would refuse it too");
    EventStream midStream =
        of(
            "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"}}\n\n"
                + "data: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"x\"}}\n\n");
    assertEquals("a", midStream.next().content());
    assertInstanceOf(
        ProviderUnavailable.class, assertThrows(ProviderFailed.class, midStream::next));
  }

  @Test
  void stopReasonsInOpenAiNamesAndUnknownEventsIgnored() {
    assertEquals("length", AnthropicEvents.finishReason("max_tokens"));
    assertEquals("stop", AnthropicEvents.finishReason("stop_sequence"));
    assertEquals("content_filter", AnthropicEvents.finishReason("refusal"));
    assertNull(AnthropicEvents.finishReason(null));
    List<CompletionChunk> chunks =
        all(
            "data: {\"type\":\"future_event\",\"payload\":{\"a\":[1,2,{\"b\":null}]}}\n\n"
                + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hm\"}}\n\n"
                + "data: {\"type\":\"message_stop\"}\n\n");
    assertTrue(chunks.isEmpty(), chunks::toString);
  }

  @Test
  void hugeNumbersAreNotConverted() {
    List<CompletionChunk> chunks =
        terminates(
            () ->
                all(
                    "data: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":1e999999999}}}\n\n"
                        + "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                        + "\"usage\":{\"output_tokens\":99999999999999}}\n\n"
                        + "data: {\"type\":\"message_stop\"}\n\n"));
    assertEquals(new Usage(0, 0), chunks.get(0).usage());
  }

  @Test
  void aStreamWithoutMessageStopIsAProviderFailure() {
    assertThrows(
        ProviderUnavailable.class,
        () -> all(STREAM.substring(0, STREAM.indexOf("event: message_stop"))));
  }

  @Test
  void everyTruncationAndMutationOfAStreamEndsInChunksNullOrProviderFailed() {
    terminates(
        () -> {
          for (String prefix : Fuzz.prefixes(STREAM)) {
            drain(prefix.getBytes(StandardCharsets.UTF_8));
          }
          return null;
        });
    for (byte[] mutant : Fuzz.mutations(STREAM, 23, 2000)) {
      terminates(() -> drain(mutant));
    }
  }

  @Test
  void anyBytesFromTheProviderEndInChunksNullOrProviderFailed() {
    Property.forAll(23, 1000, Property.Gen.bytes(0, 512), body -> terminates(() -> drain(body)));
  }

  static int drain(byte[] body) {
    EventStream stream = of(body);
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
