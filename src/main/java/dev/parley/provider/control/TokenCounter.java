package dev.parley.provider.control;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.parley.provider.entity.PromptMessage;
import dev.parley.provider.entity.Usage;
import java.util.List;

/**
 * Counts tokens with a real BPE tokenizer (jtokkit, {@code cl100k_base}) for when a provider
 * reports no usage. Exact for OpenAI's GPT-4/3.5 family, a close estimate for other models.
 */
public final class TokenCounter {

  // per-message framing of the Chat Completions format (role and separators), as OpenAI documents
  // it
  public static final int PER_MESSAGE = 3;
  static final int REPLY_PRIMING = 3;

  private static final Encoding ENCODING =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

  private TokenCounter() {}

  public static int count(String text) {
    return text == null || text.isEmpty() ? 0 : ENCODING.countTokensOrdinary(text);
  }

  public static int countPrompt(List<PromptMessage> messages) {
    int tokens = REPLY_PRIMING;
    for (PromptMessage message : messages) {
      tokens += PER_MESSAGE + count(message.role()) + count(message.content());
    }
    return tokens;
  }

  /**
   * What a call used: the provider's own report when it sent one, else the tokens counted here of
   * the prompt and the reply (the one place this rule is written).
   */
  public static Usage usage(Usage reported, List<PromptMessage> prompt, String reply) {
    return reported != null ? reported : new Usage(countPrompt(prompt), count(reply));
  }
}
