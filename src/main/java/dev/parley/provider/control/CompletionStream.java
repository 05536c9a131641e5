package dev.parley.provider.control;

import dev.parley.platform.errors.BadRequest;
import dev.parley.platform.errors.ParleyException;
import dev.parley.platform.errors.ProviderFailed;
import dev.parley.platform.errors.ProviderTimeout;
import dev.parley.provider.entity.Answer;
import dev.parley.provider.entity.CompletionChunk;
import dev.parley.provider.entity.ModelDescriptor;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A reply streaming from a model, with the fallback of its model chain before the first token: when
 * the provider refuses to connect, fails (5xx, 429, Anthropic's overload) or stays silent past its
 * first-token timeout <em>before</em> any text or tool call came out of {@link #next()}, the next
 * model of the chain is asked, on the same thread, and the caller notices nothing but a longer
 * wait. Once a chunk with output was returned, a failure is the caller's: never a second answer
 * spliced onto the first. {@link #answer()} says which model answered and why the others were
 * skipped.
 *
 * <p>{@link #next()} returns null at the end of the reply. Closing the stream (a client that left,
 * an instance that shuts down) closes the upstream connection and ends any fallback.
 */
public class CompletionStream implements AutoCloseable {

  /** Opens one model's stream; {@code mayFallBack} says whether another model comes after it. */
  interface Opener {
    EventStream open(ModelDescriptor model, boolean mayFallBack);
  }

  private final List<ModelDescriptor> chain;
  private final Opener opener;
  private final Consumer<Answer.Skipped> onSkip;
  private final List<Answer.Skipped> skipped = new ArrayList<>();
  private int position;
  private volatile EventStream current;
  private volatile boolean closed;
  private volatile boolean ended;
  private boolean delivered;

  private CompletionStream(
      List<ModelDescriptor> chain, Opener opener, Consumer<Answer.Skipped> onSkip) {
    this.chain = List.copyOf(chain);
    this.opener = opener;
    this.onSkip = onSkip;
  }

  /**
   * A reply read from one OpenAI-compatible event stream, without a model chain (tests, tools): the
   * stream of {@link Completions#open} minus the fallback.
   */
  public CompletionStream(InputStream body, Duration idleTimeout) {
    this(
        List.of(new ModelDescriptor("stream", "stream", "stream", false)),
        (model, mayFallBack) -> new EventStream(body, Decoder.openAi(), idleTimeout),
        skip -> {});
    this.current = openFrom(0);
  }

  /**
   * Opens the first model of {@code chain} that answers, returning once its response started.
   *
   * @throws ParleyException when none did: the last model's failure, naming the skipped ones
   */
  static CompletionStream open(
      List<ModelDescriptor> chain, Opener opener, Consumer<Answer.Skipped> onSkip) {
    CompletionStream stream = new CompletionStream(chain, opener, onSkip);
    stream.current = stream.openFrom(0);
    return stream;
  }

  /** The next chunk, or null once the reply is complete. */
  public CompletionChunk next() {
    while (true) {
      EventStream stream = current;
      try {
        CompletionChunk chunk = stream.next();
        if (chunk == null || chunk.hasOutput()) {
          stream.unwatch();
          delivered |= chunk != null;
          ended = chunk == null;
        }
        return chunk;
      } catch (ParleyException failure) {
        if (delivered || closed || !ProviderErrors.allowsFallback(failure) || isLast()) {
          throw withSkips(failure);
        }
        stream.abandon();
        skip(failure);
        EventStream next = openFrom(position + 1);
        synchronized (this) {
          current = next;
          if (closed) {
            next.abandon();
          }
        }
      }
    }
  }

  /** Who answers (so far: the model whose stream is open) and which models were skipped. */
  public Answer answer() {
    ModelDescriptor model = chain.get(position);
    return new Answer(model.name(), model.provider(), skipped);
  }

  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes the upstream connection: at once after the end of the reply, else (a client that left, a
   * shutdown) on another thread, since an HTTP client may read an unfinished body to its end.
   */
  @Override
  public void close() {
    EventStream stream;
    synchronized (this) {
      closed = true;
      stream = current;
    }
    if (stream == null) {
      return;
    }
    if (ended) {
      stream.close();
    } else {
      stream.abandon();
    }
  }

  private boolean isLast() {
    return position == chain.size() - 1;
  }

  /**
   * Opens the models from {@code from} on until one answers. The last model is never "skipped": its
   * failure is the one thrown, naming the skipped ones before it.
   */
  private EventStream openFrom(int from) {
    for (int i = from; ; i++) {
      position = i;
      if (closed) {
        throw new ProviderFailed("the provider request was cancelled");
      }
      boolean mayFallBack = i < chain.size() - 1;
      try {
        return opener.open(chain.get(i), mayFallBack);
      } catch (BadRequest untranslatable) {
        if (i == 0) {
          throw untranslatable; // the requested model cannot take this request: the client's 400
        }
        if (!mayFallBack) {
          throw withSkips(
              new ProviderFailed(
                  "no model of the fallback chain could take the request; "
                      + chain.get(i).name()
                      + ": "
                      + untranslatable.detail()));
        }
        skip(untranslatable);
      } catch (ParleyException failure) {
        if (!mayFallBack || !ProviderErrors.allowsFallback(failure)) {
          throw withSkips(failure);
        }
        skip(failure);
      }
    }
  }

  private void skip(ParleyException failure) {
    ModelDescriptor model = chain.get(position);
    Answer.Skipped skip = new Answer.Skipped(model.name(), model.provider(), failure.detail());
    skipped.add(skip);
    onSkip.accept(skip);
  }

  /** The failure the caller sees, naming the models skipped before it. */
  private ParleyException withSkips(ParleyException failure) {
    if (skipped.isEmpty() || failure instanceof BadRequest) {
      return failure;
    }
    String detail =
        failure.detail()
            + " (after falling back from "
            + skipped.stream()
                .map(s -> s.model() + ": " + s.reason())
                .collect(Collectors.joining("; "))
            + ")";
    return failure instanceof ProviderTimeout
        ? new ProviderTimeout(detail, failure)
        : new ProviderFailed(detail, failure);
  }
}
