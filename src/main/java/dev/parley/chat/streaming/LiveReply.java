package dev.parley.chat.streaming;

import dev.parley.platform.logging.RequestContext;
import java.time.Instant;

/**
 * The in-memory state of one reply while it streams: the text so far (checkpointed in the
 * background, never a write per token) and when the client was last sent something (for
 * heartbeats).
 */
public final class LiveReply {

  private final long replyId;
  private final StringBuilder text = new StringBuilder(256);
  private final long startNanos = RequestContext.startNanos();
  private long firstTokenNanos;
  private boolean dirty;
  private volatile Instant lastSent;
  private volatile Runnable heartbeat = () -> {};
  private volatile Runnable cancelUpstream = () -> {};
  private volatile boolean cutOff;

  public LiveReply(long replyId, Instant now) {
    this.replyId = replyId;
    this.lastSent = now;
  }

  public long replyId() {
    return replyId;
  }

  public synchronized void append(String token) {
    if (firstTokenNanos == 0) {
      firstTokenNanos = System.nanoTime();
    }
    text.append(token);
    dirty = true;
  }

  /** When the request that started this reply arrived ({@link System#nanoTime()}). */
  public long startNanos() {
    return startNanos;
  }

  /** When the first token arrived, 0 if none did. */
  public synchronized long firstTokenNanos() {
    return firstTokenNanos;
  }

  public synchronized String text() {
    return text.toString();
  }

  /** The text if it changed since the last call, else null. */
  public synchronized String takeCheckpoint() {
    if (!dirty) {
      return null;
    }
    dirty = false;
    return text.toString();
  }

  public Instant lastSent() {
    return lastSent;
  }

  public void sent(Instant now) {
    lastSent = now;
  }

  /**
   * How to keep the client's connection alive while the provider is silent (and notice a client
   * gone).
   */
  public void heartbeatWith(Runnable action) {
    this.heartbeat = action;
  }

  public void heartbeat() {
    heartbeat.run();
  }

  /** How to stop the provider's stream when this reply must end early. */
  public void cancelUpstreamWith(Runnable action) {
    this.cancelUpstream = action;
  }

  /**
   * Ends the reply before the provider has finished, because the instance is shutting down: the
   * text so far is stored as interrupted and the client is told.
   */
  public void cutOff() {
    cutOff = true;
    cancelUpstream.run();
  }

  public boolean isCutOff() {
    return cutOff;
  }
}
