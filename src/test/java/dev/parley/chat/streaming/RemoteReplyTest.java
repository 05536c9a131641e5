package dev.parley.chat.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.chat.entity.MessageStatus;
import dev.parley.chat.entity.ReplyState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A reply streaming elsewhere: the owner's pieces over the grid, else the stored row, which also
 * tells how it ended. Never waits past its timeout, never repeats text.
 */
class RemoteReplyTest {

  static final Duration POLL = Duration.ofMillis(20);
  static final Duration LONG = Duration.ofSeconds(5);

  final AtomicReference<ReplyState> row =
      new AtomicReference<>(state(MessageStatus.IN_PROGRESS, ""));
  final AtomicInteger loads = new AtomicInteger();
  final AtomicInteger staleChecks = new AtomicInteger();
  boolean stale;

  final RemoteReply.Store store =
      new RemoteReply.Store() {
        @Override
        public Optional<ReplyState> load(long replyId) {
          loads.incrementAndGet();
          return Optional.ofNullable(row.get());
        }

        @Override
        public boolean interruptIfStale(long replyId) {
          staleChecks.incrementAndGet();
          if (stale) {
            row.set(state(MessageStatus.INTERRUPTED, row.get().content()));
          }
          return stale;
        }
      };

  static ReplyState state(MessageStatus status, String text) {
    return new ReplyState(9, 1, status, text, "a", null, Instant.EPOCH);
  }

  @Test
  void withoutTheGridTheStoredRowIsFollowedToItsEnd() throws Exception {
    RemoteReply mirror = new RemoteReply(9, "a", store, POLL, false);
    mirror.seed("Once");
    assertEquals("nce", mirror.await(1, LONG).text());
    row.set(state(MessageStatus.IN_PROGRESS, "Once upon"));
    ReplyTail.Chunk grown = mirror.await(4, LONG);
    assertEquals(" upon", grown.text());
    assertNull(grown.ending());
    row.set(state(MessageStatus.COMPLETED, "Once upon a time"));
    ReplyTail.Chunk last = mirror.await(9, LONG);
    assertEquals(" a time", last.text());
    assertEquals(MessageStatus.COMPLETED, last.ending().status());
    assertNull(last.ending().detail());
  }

  @Test
  void theOwnersPiecesArriveWithoutTheDatabase() throws Exception {
    RemoteReply mirror = new RemoteReply(9, "a", store, POLL, true);
    mirror.seed("Once");
    int before = loads.get();
    mirror.heard(4, " upon");
    mirror.heard(0, "Once up"); // a repeat of what it has
    assertEquals(" upon", mirror.await(4, LONG).text());
    assertTrue(mirror.heard(12, "time"), "a gap is reported");
    mirror.heard(9, " a ");
    assertEquals(" a time", mirror.await(9, LONG).text());
    assertEquals(before, loads.get(), "no database read while the owner speaks");
  }

  @Test
  void whenTheOwnerSaysItEndedTheStoredRowTellsHow() throws Exception {
    RemoteReply mirror = new RemoteReply(9, "a", store, POLL, true);
    mirror.seed("par");
    row.set(
        new ReplyState(
            9,
            1,
            MessageStatus.FAILED,
            "partial",
            null,
            "{\"error\":\"the provider broke off\"}",
            Instant.EPOCH));
    mirror.ownerDone();
    ReplyTail.Chunk last = mirror.await(3, LONG);
    assertEquals("tial", last.text());
    assertEquals(MessageStatus.FAILED, last.ending().status());
    assertEquals("the provider broke off", last.ending().detail());
  }

  @Test
  void aReplyWhoseInstanceIsGoneEndsInterruptedWithTheStoredText() throws Exception {
    RemoteReply mirror = new RemoteReply(9, "a", store, POLL, false);
    row.set(state(MessageStatus.IN_PROGRESS, "saved"));
    mirror.seed("saved");
    stale = true;
    ReplyTail.Chunk last = mirror.await(7, LONG); // the client saw more than was stored
    assertEquals("", last.text());
    assertEquals(MessageStatus.INTERRUPTED, last.ending().status());
    assertTrue(last.ending().detail().contains("stopped before it was complete"));
  }

  @Test
  void aDeletedSessionEndsTheReply() throws Exception {
    RemoteReply mirror = new RemoteReply(9, "a", store, POLL, false);
    row.set(null);
    assertEquals(Endings.DELETED, mirror.await(0, LONG).ending().detail());
  }

  @Test
  void nothingNewIsAnEmptyChunkAfterTheTimeout() throws Exception {
    RemoteReply mirror = new RemoteReply(9, "a", store, Duration.ofHours(1), true);
    mirror.seed("x");
    long start = System.nanoTime();
    ReplyTail.Chunk chunk = mirror.await(1, Duration.ofMillis(100));
    assertTrue(chunk.isEmpty());
    assertNull(chunk.ending());
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos());
  }
}
