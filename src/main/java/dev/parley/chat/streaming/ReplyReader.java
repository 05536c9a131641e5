package dev.parley.chat.streaming;

import dev.parley.chat.entity.MessageStatus;
import dev.parley.platform.errors.Overloaded;
import dev.parley.platform.errors.ParleyException;
import dev.parley.platform.errors.ProviderFailed;
import dev.parley.provider.control.CompletionStream;
import dev.parley.provider.entity.CompletionChunk;
import dev.parley.provider.entity.Usage;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads a provider stream into a {@link LiveReply}, handing each token on the moment it arrives.
 * Ends completed at {@code [DONE]}, cancelled when the consumer no longer wants tokens (the client
 * left), failed on a provider error. Never throws.
 */
public final class ReplyReader {

  private static final Logger LOG = Logger.getLogger(ReplyReader.class.getName());

  private ReplyReader() {}

  static final String CUT_OFF =
      "this Parley instance shut down before the reply was complete; the text so far is stored."
          + " Send the request again to continue";

  /**
   * How a reply ended; {@code failure} is set for {@link MessageStatus#FAILED} and {@link
   * MessageStatus#INTERRUPTED}.
   */
  public record Outcome(
      MessageStatus status, Usage usage, String finishReason, ParleyException failure) {}

  public static Outcome read(
      CompletionStream upstream, LiveReply reply, Predicate<String> onToken) {
    Usage usage = null;
    String finishReason = null;
    try {
      CompletionChunk chunk;
      while ((chunk = upstream.next()) != null) {
        if (chunk.usage() != null) {
          usage = chunk.usage();
        }
        if (chunk.finishReason() != null) {
          finishReason = chunk.finishReason();
        }
        if (chunk.hasContent()) {
          reply.append(chunk.content());
          if (!onToken.test(chunk.content())) {
            return new Outcome(MessageStatus.CANCELLED, usage, "cancelled", null);
          }
        }
      }
      return new Outcome(
          MessageStatus.COMPLETED, usage, finishReason == null ? "stop" : finishReason, null);
    } catch (ParleyException e) {
      if (reply.isCutOff()) {
        return new Outcome(
            MessageStatus.INTERRUPTED,
            usage,
            "interrupted",
            new Overloaded(CUT_OFF, StreamAdmission.RETRY_AFTER));
      }
      if (upstream.isClosed()) {
        return new Outcome(MessageStatus.CANCELLED, usage, "cancelled", null);
      }
      return new Outcome(MessageStatus.FAILED, usage, "error", e);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "unexpected error while relaying a reply", e);
      return new Outcome(
          MessageStatus.FAILED,
          usage,
          "error",
          new ProviderFailed("internal error while relaying the reply"));
    }
  }
}
