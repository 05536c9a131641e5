package dev.parley.provider.control;

import dev.parley.platform.errors.ProviderFailed;
import dev.parley.platform.errors.ProviderTimeout;
import dev.parley.provider.entity.CompletionChunk;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Reads the provider's Server-Sent Events one chunk at a time, as they arrive. {@link #next()}
 * returns null at {@code [DONE]}; a stream that ends without {@code [DONE]} or goes silent longer
 * than the idle timeout is a provider failure. Closing it closes the upstream connection, which is
 * how a client disconnect cancels the provider request.
 */
public class CompletionStream implements AutoCloseable {

  private static final String DATA = "data:";

  /** Longest line of the provider's stream; a chunk is a few hundred bytes. */
  static final int MAX_LINE_CHARS = 1 << 20;

  private final InputStream body;
  private final SseLineReader reader;
  private final Duration idleTimeout;
  private volatile boolean closed;
  private volatile boolean ended;

  public CompletionStream(InputStream body, Duration idleTimeout) {
    this.body = body;
    this.reader = new SseLineReader(body, MAX_LINE_CHARS);
    this.idleTimeout = idleTimeout;
  }

  /** The next chunk, or null once the provider said {@code [DONE]}. */
  public CompletionChunk next() {
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        if (closed) {
          throw new IOException("closed"); // a stream closed in the background still delivers
        }
        if (!line.startsWith(DATA)) {
          continue; // blank separators, comments, event names
        }
        int start =
            line.length() > DATA.length() && line.charAt(DATA.length()) == ' '
                ? DATA.length() + 1
                : DATA.length();
        String data = line.substring(start);
        if (data.isEmpty()) {
          continue;
        }
        if (data.equals("[DONE]")) {
          ended = true;
          return null;
        }
        return ChunkParser.parse(data);
      }
      throw new ProviderFailed("the model provider's stream ended before it was complete");
    } catch (SseLineReader.LineTooLong e) {
      throw new ProviderFailed("the model provider sent an oversized line", e);
    } catch (SocketTimeoutException e) {
      throw new ProviderTimeout(
          "the model provider sent nothing for " + idleTimeout.toSeconds() + " s", e);
    } catch (IOException e) {
      if (closed) {
        throw new ProviderFailed("the provider request was cancelled", e);
      }
      throw new ProviderFailed("the connection to the model provider broke off", e);
    } catch (RuntimeException e) {
      if (e instanceof ProviderFailed || e instanceof ProviderTimeout) {
        throw e;
      }
      throw new ProviderFailed("the model provider sent an unreadable chunk", e);
    }
  }

  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes the provider's stream; one that has not ended is aborted, so that the provider call
   * stops now and the caller never waits for it (see {@link StreamAbort}: RESTEasy's client would
   * otherwise read it to its end). Without a way to abort, such a stream is closed in the
   * background: {@link #next} stops at once all the same.
   */
  @Override
  public void close() {
    boolean first = !closed;
    closed = true;
    if (first && !ended && StreamAbort.drainsOnClose(body) && !StreamAbort.abort(body)) {
      Thread closer = new Thread(this::closeBody, "parley-provider-close");
      closer.setDaemon(true);
      closer.start();
      return;
    }
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
