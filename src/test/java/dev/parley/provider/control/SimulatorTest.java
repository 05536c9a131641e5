package dev.parley.provider.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {

  @Test
  void sameQuestionSameAnswerAndHonestAboutBeingSimulated() {
    List<String> first = Simulator.reply("gpt-4", "Tell me a story", null);
    assertEquals(first, Simulator.reply("gpt-4", "Tell me a story", null));
    String text = String.join("", first);
    assertTrue(text.startsWith("[simulated gpt-4] You asked: \"Tell me a story\"."), text);
    assertTrue(first.size() > 30);
  }

  @Test
  void maxTokensCapsTheReply() {
    assertEquals(5, Simulator.reply("m", "hi", 5).size());
  }
}
