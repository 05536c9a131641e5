package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.provider.control.TokenCounter;
import dev.parley.provider.entity.PromptMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextWindowTest {

  static List<PromptMessage> conversation(int turns) {
    List<PromptMessage> messages = new ArrayList<>();
    messages.add(new PromptMessage("system", "You are helpful."));
    for (int i = 0; i < turns; i++) {
      messages.add(new PromptMessage("user", "question " + i + " " + "word ".repeat(100)));
      messages.add(new PromptMessage("assistant", "answer " + i + " " + "word ".repeat(100)));
    }
    messages.add(new PromptMessage("user", "the latest question"));
    return messages;
  }

  @Test
  void everythingFitsNothingDropped() {
    PromptMessage docs = new PromptMessage("system", "<document name=\"a.pdf\">x</document>");
    ContextWindow.Fit fit = ContextWindow.fit(docs, conversation(2), 8000);
    assertFalse(fit.trimmed());
    assertEquals(docs, fit.messages().get(0));
    assertEquals(7, fit.messages().size());
  }

  @Test
  void dropsOldestFirstKeepingSystemAndLatestUserMessage() {
    List<PromptMessage> conversation = conversation(10);
    int budget = TokenCounter.countPrompt(conversation) / 2;
    ContextWindow.Fit fit = ContextWindow.fit(null, conversation, budget);
    assertTrue(fit.trimmed());
    assertTrue(TokenCounter.countPrompt(fit.messages()) <= budget);
    assertEquals("system", fit.messages().get(0).role());
    assertEquals("the latest question", fit.messages().get(fit.messages().size() - 1).content());
    assertEquals(conversation.size() - fit.droppedMessages(), fit.messages().size());
    // what is kept is the newest part, in order
    List<PromptMessage> tail =
        conversation.subList(
            conversation.size() - (fit.messages().size() - 1), conversation.size());
    assertEquals(tail, fit.messages().subList(1, fit.messages().size()));
  }

  @Test
  void documentsStayFirstAndTheConversationMakesRoom() {
    List<PromptMessage> conversation = conversation(5);
    PromptMessage docs = new PromptMessage("system", "doc ".repeat(500));
    int budget = TokenCounter.countPrompt(conversation);
    ContextWindow.Fit fit = ContextWindow.fit(docs, conversation, budget);
    assertTrue(fit.trimmed());
    assertEquals(docs, fit.messages().get(0));
    assertTrue(TokenCounter.countPrompt(fit.messages()) <= budget);
  }

  @Test
  void neverDropsTheLatestUserMessageEvenOverBudget() {
    List<PromptMessage> conversation = List.of(new PromptMessage("user", "long ".repeat(1000)));
    ContextWindow.Fit fit = ContextWindow.fit(null, conversation, 10);
    assertEquals(conversation, fit.messages());
    assertEquals(0, fit.droppedMessages());
  }

  @Test
  void roomForDocumentsCountsOnlyWhatIsNeverDropped() {
    List<PromptMessage> conversation = conversation(10);
    int room = ContextWindow.roomForDocuments(conversation, 8000);
    int fixed =
        TokenCounter.countPrompt(
            List.of(conversation.get(0), conversation.get(conversation.size() - 1)));
    assertTrue(room < 8000 - fixed && room > 8000 - fixed - 10, "room " + room);
    assertEquals(0, ContextWindow.roomForDocuments(conversation, 5));
  }
}
