package dev.parley.provider.control;

import java.util.ArrayList;
import java.util.List;

/**
 * The development simulator's text: deterministic for a given prompt (same question, same answer),
 * long enough to watch streaming, and honest about being simulated.
 */
public final class Simulator {

  private static final String[] SENTENCES = {
    "Once upon a time, a small gateway stood between many applications and a distant model.",
    "Every token it received was passed on at once, so nobody ever waited longer than they had to.",
    "It wrote each conversation down carefully, and not a single message was ever lost.",
    "When the model grew tired, the gateway said so plainly instead of pretending all was well.",
    "Users came and went, each seeing only their own stories and never anyone else's.",
    "And so the gateway kept its promises, one streamed word at a time.",
  };

  private Simulator() {}

  /**
   * The reply as tokens (words, each after the first with its leading space), at most {@code
   * maxTokens}.
   */
  public static List<String> reply(String model, String lastUserMessage, Integer maxTokens) {
    String question =
        lastUserMessage == null ? "" : lastUserMessage.strip().replaceAll("\\s+", " ");
    if (question.length() > 60) {
      question = question.substring(0, 57) + "...";
    }
    StringBuilder text = new StringBuilder("[simulated ").append(model).append("] ");
    if (!question.isEmpty()) {
      text.append("You asked: \"").append(question).append("\". ");
    }
    int start = Math.floorMod(question.hashCode(), SENTENCES.length);
    for (int i = 0; i < 4; i++) {
      text.append(SENTENCES[(start + i) % SENTENCES.length]).append(' ');
    }
    String[] words = text.toString().strip().split(" ");
    int limit = maxTokens == null ? words.length : Math.min(words.length, Math.max(1, maxTokens));
    List<String> tokens = new ArrayList<>(limit);
    for (int i = 0; i < limit; i++) {
      tokens.add(i == 0 ? words[i] : " " + words[i]);
    }
    return tokens;
  }
}
