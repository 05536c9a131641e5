package dev.parley.chat.streaming;

import dev.parley.chat.entity.ReplyState;
import java.time.Duration;
import java.util.Optional;

/**
 * A reply that streams on another instance (or whose instance is unknown or gone), as this
 * instance's followers see it: a {@link ReplyText} fed by the owner's live tail over the grid
 * ({@link ReplyGrid}) and, whenever the owner is silent or has finished, by the stored row. The
 * stored row is the authority on how the reply ended. Shared by this instance's followers of the
 * reply.
 */
public final class RemoteReply implements ReplyTail {

  /** The stored reply, and marking it interrupted once no instance can still be writing it. */
  public interface Store {
    Optional<ReplyState> load(long replyId);

    boolean interruptIfStale(long replyId);
  }

  /** How long the owner may say nothing before the stored row is read instead. */
  static final Duration OWNER_SILENCE = Duration.ofSeconds(3);

  /** How soon to read the row again after the owner said the reply ended (the row must say so). */
  static final Duration AFTER_END = Duration.ofMillis(100);

  private static final long WAIT_SLICE_MS = 200;

  private final long replyId;
  private final String owner;
  private final Store store;
  private final Duration pollInterval;
  private final boolean live;

  private final ReplyText text = new ReplyText();
  private ReplyTail.Ending ending;
  private boolean ownerDone;
  private long lastHeardNanos;
  private long lastPollNanos;
  private boolean polled;
  private boolean polling;
  int followers;

  /**
   * @param live whether the owner can send its tail over the grid; without, only the stored row is
   *     read, every {@code pollInterval}
   */
  RemoteReply(long replyId, String owner, Store store, Duration pollInterval, boolean live) {
    this.replyId = replyId;
    this.owner = owner;
    this.store = store;
    this.pollInterval = pollInterval;
    this.live = live;
    this.lastHeardNanos = System.nanoTime();
  }

  public long replyId() {
    return replyId;
  }

  String owner() {
    return owner;
  }

  /** The owner sent the piece of text starting at {@code offset}; true when a gap is left. */
  synchronized boolean heard(int offset, String piece) {
    lastHeardNanos = System.nanoTime();
    if (text.offer(offset, piece)) {
      notifyAll();
    }
    return text.hasGap();
  }

  /** The reply as just read from the database (by the request that starts following it). */
  synchronized void seed(String storedText) {
    if (text.offer(0, storedText)) {
      notifyAll();
    }
    if (!polled) {
      polled = true;
      lastPollNanos = System.nanoTime();
    }
  }

  /** The owner says the reply is over (or that it no longer has it): the row tells the end. */
  synchronized void ownerDone() {
    ownerDone = true;
    lastHeardNanos = System.nanoTime();
    notifyAll();
  }

  synchronized int length() {
    return text.length();
  }

  synchronized boolean ended() {
    return ending != null;
  }

  @Override
  public Chunk await(int from, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      synchronized (this) {
        while (true) {
          if (text.length() > from || ending != null) {
            return new Chunk(text.from(from), Math.max(from, text.length()), ending);
          }
          long now = System.nanoTime();
          if (!polling && pollDue(now)) {
            polling = true;
            break;
          }
          long left = deadline - now;
          if (left <= 0) {
            return new Chunk("", from, null);
          }
          wait(Math.max(1, Math.min(WAIT_SLICE_MS, left / 1_000_000)));
        }
      }
      try {
        poll();
      } finally {
        synchronized (this) {
          polling = false;
          polled = true;
          lastPollNanos = System.nanoTime();
          notifyAll();
        }
      }
    }
  }

  private boolean pollDue(long now) {
    if (!polled) {
      return true;
    }
    long since = now - lastPollNanos;
    if (ownerDone) {
      return since >= AFTER_END.toNanos();
    }
    boolean ownerSilent = !live || now - lastHeardNanos >= OWNER_SILENCE.toNanos();
    return ownerSilent && since >= pollInterval.toNanos();
  }

  /** Reads the stored row (never while holding the lock: it is a database round trip). */
  private void poll() {
    Optional<ReplyState> stored = store.load(replyId);
    if (stored.isPresent() && stored.get().inProgress() && store.interruptIfStale(replyId)) {
      stored = store.load(replyId);
    }
    synchronized (this) {
      if (stored.isEmpty()) {
        ending = Endings.deleted();
      } else {
        text.offer(0, stored.get().content());
        if (!stored.get().inProgress()) {
          ending = Endings.of(stored.get());
        }
      }
      notifyAll();
    }
  }
}
