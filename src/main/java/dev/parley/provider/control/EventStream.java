package dev.parley.provider.control;

import dev.parley.platform.errors.ParleyException;
import dev.parley.platform.errors.ProviderFailed;
import dev.parley.provider.entity.CompletionChunk;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/**
 * One provider response, read as it arrives: the Server-Sent Events' {@code data:} lines, each
 * decoded by the provider's dialect ({@link Decoder}). {@link #next()} returns null at the end of
 * the stream; a stream that ends early, goes silent longer than the idle timeout or sends garbage
 * is a provider failure. Closing it closes the upstream connection, which is how a client
 * disconnect cancels the provider request; {@link #expire} does the same for a silent model of a
 * fallback chain, and makes the read report the silence.
 *
 * <p>An early end ({@link #expire}, {@link #abandon}) drops the connection ({@link ConnectionDrop})
 * on the {@code closer}'s thread, never the caller's: should an HTTP client read the rest of the
 * body on close after all, only that thread waits. The reader notices an expiry at its next line
 * even where the drop does not unblock its read.
 */
final class EventStream implements AutoCloseable {

  private static final String DATA = "data:";

  /** Longest line of the provider's stream; a chunk is a few hundred bytes. */
  static final int MAX_LINE_CHARS = 1 << 20;

  private final InputStream body;
  private final SseLineReader reader;
  private final Decoder decoder;
  private final Duration idleTimeout;
  private final Executor closer;
  // made with the stream: on SIGTERM Payara closes the class loader, and a method reference first
  // evaluated during the drain would need a new class
  private final Runnable drop = this::dropConnection;
  private volatile boolean closed;
  private volatile Duration expiredAfter;
  private volatile Future<?> watch;

  EventStream(InputStream body, Decoder decoder, Duration idleTimeout) {
    this(body, decoder, idleTimeout, Runnable::run);
  }

  /** {@code closer} runs the close of an early end ({@link #expire}, {@link #abandon}). */
  EventStream(InputStream body, Decoder decoder, Duration idleTimeout, Executor closer) {
    this.body = body;
    this.reader = new SseLineReader(body, MAX_LINE_CHARS);
    this.decoder = decoder;
    this.idleTimeout = idleTimeout;
    this.closer = closer;
  }

  /** The next chunk, or null once the provider said it is done. */
  CompletionChunk next() {
    if (expiredAfter != null) {
      throw silentFor(expiredAfter, null);
    }
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        if (expiredAfter != null) {
          throw silentFor(expiredAfter, null);
        }
        if (!line.startsWith(DATA)) {
          continue; // blank separators, comments, event names (the data says its type)
        }
        int start =
            line.length() > DATA.length() && line.charAt(DATA.length()) == ' '
                ? DATA.length() + 1
                : DATA.length();
        String data = line.substring(start);
        if (data.isEmpty()) {
          continue;
        }
        CompletionChunk chunk = decoder.decode(data);
        if (chunk == Decoder.END) {
          return null;
        }
        if (chunk != null) {
          return chunk;
        }
      }
      throw new ProviderUnavailable("the model provider's stream ended before it was complete");
    } catch (SseLineReader.LineTooLong e) {
      throw new ProviderUnavailable("the model provider sent an oversized line", e);
    } catch (SocketTimeoutException e) {
      throw new ProviderSilent(
          "the model provider sent nothing for " + idleTimeout.toSeconds() + " s", e);
    } catch (IOException e) {
      if (expiredAfter != null) {
        throw silentFor(expiredAfter, e);
      }
      if (closed) {
        throw new ProviderFailed("the provider request was cancelled", e);
      }
      throw new ProviderUnavailable("the connection to the model provider broke off", e);
    } catch (ParleyException e) {
      throw e;
    } catch (RuntimeException e) {
      if (expiredAfter != null) {
        throw silentFor(expiredAfter, e);
      }
      throw new ProviderUnavailable("the model provider sent an unreadable chunk", e);
    }
  }

  static ProviderSilent silentFor(Duration timeout, Throwable cause) {
    return new ProviderSilent(
        "the model provider sent no token within "
            + timeout.toMillis()
            + " ms (its first-token timeout)",
        cause);
  }

  /** Remembers the watchdog that {@link #expire}s this stream, to stop it at the first token. */
  void watchedBy(Future<?> watchdog) {
    this.watch = watchdog;
    if (closed) {
      watchdog.cancel(false);
    }
  }

  /** The first token came (or the stream ended): the watchdog has nothing more to do. */
  void unwatch() {
    Future<?> current = watch;
    if (current != null) {
      current.cancel(false);
      watch = null;
    }
  }

  /** Ends a stream that sent no token within {@code timeout}: the reader reports the silence. */
  void expire(Duration timeout) {
    expiredAfter = timeout;
    abandon();
  }

  /** Ends the stream early: drops the connection, on the closer's thread. */
  void abandon() {
    closed = true;
    unwatch();
    try {
      closer.execute(drop);
    } catch (RuntimeException rejected) {
      dropConnection(); // the closer is shutting down
    }
  }

  private void dropConnection() {
    try {
      ConnectionDrop.drop(body);
    } catch (IOException | RuntimeException ignored) {
      // the connection is gone either way
    }
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    unwatch();
    closeBody();
  }

  private void closeBody() {
    try {
      body.close();
    } catch (IOException | RuntimeException ignored) {
      // the connection is gone either way
    }
  }
}
