package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.chat.entity.MessageStatus;
import dev.parley.chat.entity.Turn;
import dev.parley.chat.streaming.LiveReply;
import dev.parley.chat.streaming.ReplyReader;
import dev.parley.platform.errors.ProviderFailed;
import dev.parley.provider.entity.Answer;
import dev.parley.provider.entity.PromptMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stored reply's metadata says when the conversation was trimmed to fit the model, and which
 * model answered when the requested one was skipped.
 */
class ReplyMetadataTest {

  static final List<PromptMessage> CONVERSATION = List.of(new PromptMessage("user", "hi"));
  static final ReplyReader.Outcome DONE =
      new ReplyReader.Outcome(MessageStatus.COMPLETED, null, "stop", null);

  @Test
  void nothingToSay() {
    assertNull(
        ChatTurns.metadata(new Turn(1, false, 2, 3, "gpt-4", CONVERSATION), DONE, null, null));
  }

  @Test
  void trimmedConversation() {
    assertEquals(
        "{\"context_trimmed\":true,\"dropped_messages\":3}",
        ChatTurns.metadata(new Turn(1, false, 2, 3, "gpt-4", CONVERSATION, 3), DONE, null, null));
  }

  @Test
  void trimmedAndFailed() {
    ReplyReader.Outcome failed =
        new ReplyReader.Outcome(
            MessageStatus.FAILED, null, "error", new ProviderFailed("provider \"down\""));
    assertEquals(
        "{\"error\":\"provider \\\"down\\\"\",\"context_trimmed\":true,\"dropped_messages\":1}",
        ChatTurns.metadata(new Turn(1, false, 2, 3, "gpt-4", CONVERSATION, 1), failed, null, null));
  }

  @Test
  void fallbackNamesTheAnsweringModelAndWhyTheOthersWereSkipped() {
    Answer answer =
        new Answer(
            "claude",
            "anthropic",
            List.of(new Answer.Skipped("gpt-4", "openai", "the model provider failed (HTTP 503)")));
    assertEquals(
        "{\"answered_by\":\"claude\",\"skipped\":[{\"model\":\"gpt-4\",\"provider\":\"openai\","
            + "\"reason\":\"the model provider failed (HTTP 503)\"}]}",
        ChatTurns.metadata(new Turn(1, false, 2, 3, "gpt-4", CONVERSATION), DONE, answer, null));
    assertNull(
        ChatTurns.metadata(
            new Turn(1, false, 2, 3, "gpt-4", CONVERSATION),
            DONE,
            new Answer("gpt-4", "openai", List.of()),
            null));
  }

  @Test
  void aCancelledReplySaysWhoCancelledIt() {
    ReplyReader.Outcome cancelled =
        new ReplyReader.Outcome(MessageStatus.CANCELLED, null, "cancelled", null);
    assertEquals(
        "{\"cancelled_by\":\"stop\"}",
        ChatTurns.metadata(
            new Turn(1, false, 2, 3, "gpt-4", CONVERSATION),
            cancelled,
            null,
            LiveReply.Cancel.STOP));
  }
}
