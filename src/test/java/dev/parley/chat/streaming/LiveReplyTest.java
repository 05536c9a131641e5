package dev.parley.chat.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.chat.entity.MessageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A live reply as its followers and the disconnect policy see it. */
class LiveReplyTest {

  static final Duration LONG = Duration.ofSeconds(5);

  @Test
  void aFollowerGetsWhatItMissedAtOnceThenWaitsForTheNextToken() throws Exception {
    LiveReply reply = new LiveReply(7, Instant.EPOCH);
    reply.append("Once");
    reply.append(" upon");
    ReplyTail.Chunk missed = reply.await(2, LONG);
    assertEquals("ce upon", missed.text());
    assertEquals(9, missed.end());
    assertNull(missed.ending());

    CompletableFuture<ReplyTail.Chunk> next =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return reply.await(9, LONG);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(50);
    assertFalse(next.isDone());
    reply.append(" a time");
    assertEquals(" a time", next.get(2, TimeUnit.SECONDS).text());
  }

  @Test
  void nothingNewBeforeTheTimeoutIsAnEmptyChunk() throws Exception {
    LiveReply reply = new LiveReply(7, Instant.EPOCH);
    reply.append("x");
    ReplyTail.Chunk chunk = reply.await(1, Duration.ofMillis(20));
    assertTrue(chunk.isEmpty());
    assertEquals(1, chunk.end());
    assertNull(chunk.ending());
  }

  @Test
  void theEndComesWithTheLastText() throws Exception {
    LiveReply reply = new LiveReply(7, Instant.EPOCH);
    reply.append("all");
    reply.end(new ReplyTail.Ending(MessageStatus.COMPLETED, null));
    ReplyTail.Chunk last = reply.await(1, LONG);
    assertEquals("ll", last.text());
    assertEquals(MessageStatus.COMPLETED, last.ending().status());
    assertEquals(MessageStatus.COMPLETED, reply.await(3, LONG).ending().status());
  }

  @Test
  void nobodyFollowingForTheGraceCancelsTheProviderCallOnce() {
    LiveReply reply = new LiveReply(7, Instant.EPOCH);
    AtomicInteger cancels = new AtomicInteger();
    reply.cancelUpstreamWith(cancels::incrementAndGet);
    Duration grace = Duration.ofSeconds(30);
    long t0 = 1_000_000_000L;
    reply.follow(); // the requester
    reply.follow(); // a second tab
    reply.unfollow(t0);
    assertFalse(reply.cancelIfUnfollowed(grace, t0 + grace.toNanos() * 2), "one still follows");
    reply.unfollow(t0 + 1);
    assertFalse(reply.cancelIfUnfollowed(grace, t0 + 1 + grace.toNanos() - 1));
    assertTrue(reply.cancelIfUnfollowed(grace, t0 + 1 + grace.toNanos()));
    assertFalse(reply.cancelIfUnfollowed(grace, t0 + 2 * grace.toNanos()), "only once");
    assertEquals(1, cancels.get());
    assertEquals(LiveReply.Cancel.DISCONNECT, reply.cancelled());
  }

  @Test
  void aClientComingBackWithinTheGraceKeepsTheReply() {
    LiveReply reply = new LiveReply(7, Instant.EPOCH);
    Duration grace = Duration.ofSeconds(30);
    reply.follow();
    reply.unfollow(0);
    reply.follow(); // resumed
    assertNull(reply.unfollowedFor(grace.toNanos() * 3));
    reply.unfollow(grace.toNanos() * 3);
    assertEquals(Duration.ofSeconds(1), reply.unfollowedFor(grace.toNanos() * 3 + 1_000_000_000L));
  }

  @Test
  void theCancelPolicyCancelsWhenTheLastFollowerLeaves() {
    LiveReply reply = new LiveReply(7, Instant.EPOCH);
    AtomicInteger cancels = new AtomicInteger();
    reply.cancelUpstreamWith(cancels::incrementAndGet);
    reply.follow();
    reply.follow();
    reply.leave(Duration.ZERO);
    assertEquals(0, cancels.get(), "one still follows");
    reply.leave(Duration.ZERO);
    assertEquals(1, cancels.get());
    assertEquals(LiveReply.Cancel.DISCONNECT, reply.cancelled());
  }

  @Test
  void withAGraceTheLastFollowerLeavingCancelsNothingYet() {
    LiveReply reply = new LiveReply(7, Instant.EPOCH);
    reply.follow();
    reply.leave(Duration.ofSeconds(30));
    assertNull(reply.cancelled());
  }

  @Test
  void anotherInstanceFollowsUntilItsLeaseEnds() {
    LiveReply reply = new LiveReply(7, Instant.EPOCH);
    Duration lease = Duration.ofSeconds(5);
    reply.followRemotely("b", 0, lease);
    assertEquals(1, reply.remoteFollowers().length);
    assertNull(reply.unfollowedFor(lease.toNanos() - 1));
    assertEquals(Duration.ZERO, reply.unfollowedFor(lease.toNanos()), "lease over: unfollowed");
    assertEquals(0, reply.remoteFollowers().length);
    reply.followRemotely("b", lease.toNanos(), lease);
    reply.unfollowRemotely("b", lease.toNanos() + 10);
    assertEquals(Duration.ofNanos(5), reply.unfollowedFor(lease.toNanos() + 15));
  }

  @Test
  void aStopIsKeptAsTheReasonEvenIfTheGraceRunsOutLater() {
    LiveReply reply = new LiveReply(7, Instant.EPOCH);
    reply.cancel(LiveReply.Cancel.STOP);
    reply.cancel(LiveReply.Cancel.DISCONNECT);
    assertEquals(LiveReply.Cancel.STOP, reply.cancelled());
  }
}
