package dev.parley.chat.streaming;

import dev.parley.platform.logging.RequestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The in-memory state of one reply while it streams on this instance: the text so far (checkpointed
 * in the background, never a write per token), who follows it (the client that started it, clients
 * that resumed it here, other instances mirroring it), when the requesting client was last sent
 * something (for heartbeats) and how it ended. Followers read it as a {@link ReplyTail}: a token
 * wakes them, the text is only ever appended to.
 */
public final class LiveReply implements ReplyTail {

  /** Why a reply was cancelled before the provider finished, as stored in its metadata. */
  public enum Cancel {
    /** {@code POST /v1/chat/sessions/{id}/stop}. */
    STOP,
    /** Nobody followed the reply for the disconnect grace (or at once, by policy). */
    DISCONNECT;

    public String json() {
      return this == STOP ? "stop" : "disconnect";
    }
  }

  private final long replyId;
  private final StringBuilder text = new StringBuilder(256);
  private final long startNanos = RequestContext.startNanos();
  private long firstTokenNanos;
  private boolean dirty;
  private volatile Instant lastSent;
  private volatile Runnable heartbeat = () -> {};
  private volatile Runnable cancelUpstream = () -> {};
  private volatile boolean cutOff;
  private volatile Cancel cancel;

  private int localFollowers;
  private final Map<String, Long> remoteFollowers = new HashMap<>();
  private volatile int remoteCount;
  private boolean unfollowed;
  private long unfollowedSinceNanos;
  private Ending ending;

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
    notifyAll();
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

  public synchronized int length() {
    return text.length();
  }

  /** The text from {@code offset} on (empty at or beyond the end). */
  public synchronized String textFrom(int offset) {
    return offset >= text.length() ? "" : text.substring(Math.max(0, offset));
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
   * How to keep the requesting client's connection alive while the provider is silent (and notice
   * it gone).
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

  /**
   * Ends the reply before the provider has finished: the provider call is closed now, the text so
   * far is stored as cancelled. The first reason given is the one kept.
   */
  public void cancel(Cancel reason) {
    synchronized (this) {
      if (cancel == null) {
        cancel = reason;
      }
    }
    cancelUpstream.run();
  }

  /** Why the reply was cancelled, null if it was not. */
  public Cancel cancelled() {
    return cancel;
  }

  // --- who follows

  /** A client on this instance follows the reply (the requester, or a resume here). */
  public synchronized void follow() {
    localFollowers++;
    unfollowed = false;
  }

  /** A client on this instance stopped following. */
  public synchronized void unfollow(long nowNanos) {
    localFollowers = Math.max(0, localFollowers - 1);
    noteIfUnfollowed(nowNanos);
  }

  /** Another instance mirrors the reply for its clients until {@code lease} ends. */
  public synchronized void followRemotely(String instance, long nowNanos, Duration lease) {
    remoteFollowers.put(instance, nowNanos + lease.toNanos());
    remoteCount = remoteFollowers.size();
    unfollowed = false;
  }

  public synchronized void unfollowRemotely(String instance, long nowNanos) {
    remoteFollowers.remove(instance);
    remoteCount = remoteFollowers.size();
    noteIfUnfollowed(nowNanos);
  }

  /** The instances mirroring the reply (cheap when there are none: the per-token path asks). */
  public String[] remoteFollowers() {
    if (remoteCount == 0) {
      return NONE;
    }
    synchronized (this) {
      return remoteFollowers.keySet().toArray(NONE);
    }
  }

  private static final String[] NONE = new String[0];

  /**
   * How long nobody has followed the reply, as of {@code nowNanos}; null while someone does (an
   * instance whose lease ran out no longer counts).
   */
  public synchronized Duration unfollowedFor(long nowNanos) {
    remoteFollowers.values().removeIf(expiry -> expiry - nowNanos <= 0);
    remoteCount = remoteFollowers.size();
    noteIfUnfollowed(nowNanos);
    return unfollowed ? Duration.ofNanos(Math.max(0, nowNanos - unfollowedSinceNanos)) : null;
  }

  /**
   * A client of this instance stopped following: with nobody else following and a {@code grace} of
   * zero (the {@code cancel} policy) the reply is cancelled at once; otherwise the grace runs
   * ({@link #cancelIfUnfollowed}, every second).
   */
  public void leave(Duration grace) {
    long now = System.nanoTime();
    unfollow(now);
    cancelIfUnfollowed(grace, now);
  }

  /**
   * Cancels the reply when nobody has followed it for {@code grace} (zero: at once); true if this
   * call cancelled it.
   */
  public boolean cancelIfUnfollowed(Duration grace, long nowNanos) {
    Duration unfollowedFor = unfollowedFor(nowNanos);
    if (unfollowedFor == null || unfollowedFor.compareTo(grace) < 0 || cancel != null || cutOff) {
      return false;
    }
    cancel(Cancel.DISCONNECT);
    return true;
  }

  private void noteIfUnfollowed(long nowNanos) {
    if (!unfollowed && localFollowers == 0 && remoteFollowers.isEmpty()) {
      unfollowed = true;
      unfollowedSinceNanos = nowNanos;
    }
  }

  // --- the end, for followers

  /** The reply is over and stored: followers get the rest of the text, then this end. */
  public synchronized void end(Ending how) {
    ending = how;
    notifyAll();
  }

  public synchronized Ending ending() {
    return ending;
  }

  @Override
  public synchronized Chunk await(int from, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (text.length() <= from && ending == null) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return new Chunk("", from, null);
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return new Chunk(textFrom(from), Math.max(from, text.length()), ending);
  }
}
