package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.chat.entity.MessageInput;
import dev.parley.chat.entity.MessageStatus;
import dev.parley.chat.entity.StreamRequest;
import dev.parley.chat.entity.Turn;
import dev.parley.chat.streaming.LiveReplies;
import dev.parley.chat.streaming.StreamPumps;
import dev.parley.chat.streaming.TestRuntime;
import dev.parley.platform.errors.Overloaded;
import dev.parley.platform.errors.ProviderFailed;
import dev.parley.platform.errors.TooManyRequests;
import dev.parley.platform.metrics.ParleyMetrics;
import dev.parley.platform.metrics.TestMetrics;
import dev.parley.provider.control.CompletionStream;
import dev.parley.provider.control.Completions;
import dev.parley.provider.control.ModelCatalog;
import dev.parley.provider.entity.CompletionRequest;
import dev.parley.provider.entity.ModelDescriptor;
import dev.parley.provider.entity.PromptMessage;
import dev.parley.provider.entity.ProviderKind;
import dev.parley.provider.entity.Usage;
import dev.parley.ratelimit.control.TierPolicy;
import dev.parley.security.entity.Caller;
import dev.parley.security.entity.Tier;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The failure paths of a turn, with plain fakes for the database, the provider and the pumps:
 * whatever fails, the stream's admission is given back, a turn that was stored gets a stored end,
 * and the client gets a proper status or an error end.
 */
class ChatTurnsTest {

  static final Caller CALLER = new Caller(1, 1, "alice", "default", Tier.PRO, Set.of("user"));
  static final StreamRequest REQUEST =
      new StreamRequest(
          "gpt-4", List.of(new MessageInput("user", "hello")), null, null, false, null);

  /** What the fake database was asked to store as the ends of replies. */
  record Stored(long replyId, MessageStatus status, String text, String metadata) {}

  final List<Stored> stored = new ArrayList<>();
  Supplier<Turn> begin = () -> turn();
  Supplier<CompletionStream> provider = () -> stream("data: [DONE]\n\n");
  RuntimeException contextFailure;
  RuntimeException storeFailure;
  boolean pumpsReject;

  final ChatTurns turns = new ChatTurns();

  @BeforeEach
  void wire() {
    ParleyMetrics metrics = TestMetrics.started();
    ChatSettings settings = new ChatSettings();
    settings.maxOpenStreams = 5;
    turns.admission = TestRuntime.admission(settings, metrics);
    turns.gate = TestRuntime.gate(1, 1000, metrics);
    turns.live = new LiveReplies();
    turns.grid = TestRuntime.gridless(settings, turns.live);
    turns.settings = settings;
    turns.clock = Clock.systemUTC();
    turns.metrics = metrics;
    turns.tiers =
        new TierPolicy() {
          @Override
          public int completionEstimate(Integer maxTokens) {
            return maxTokens == null ? 512 : maxTokens;
          }
        };
    turns.catalog =
        new ModelCatalog() {
          @Override
          public ModelDescriptor require(String name) {
            return new ModelDescriptor(name, name, "fake", ProviderKind.OPENAI, false, List.of());
          }
        };
    turns.sessions = new FakeSessions();
    turns.context =
        new TurnContext() {
          @Override
          public Turn complete(Turn turn) {
            if (contextFailure != null) {
              throw contextFailure;
            }
            return turn;
          }
        };
    turns.completions =
        new Completions() {
          @Override
          public CompletionStream open(CompletionRequest request) {
            return provider.get();
          }
        };
    turns.pumps =
        new StreamPumps() {
          @Override
          public void execute(Runnable pump) {
            if (pumpsReject) {
              throw new RejectedExecutionException("no thread");
            }
            pump.run();
          }
        };
  }

  @Test
  void aRefusalBeforeAnythingWasStoredLeavesNothingAndGivesTheAdmissionBack() {
    begin =
        () -> {
          throw new TooManyRequests("daily token limit", Duration.ofHours(1));
        };
    assertThrows(TooManyRequests.class, () -> turns.start(CALLER, REQUEST));
    assertEquals(List.of(), stored);
    assertEquals(0, turns.admission.openStreams());
  }

  @Test
  void aProviderThatCannotBeReachedStoresTheTurnsReplyAsFailed() {
    provider =
        () -> {
          throw new ProviderFailed("cannot connect to the model provider");
        };
    ProviderFailed failed = assertThrows(ProviderFailed.class, () -> turns.start(CALLER, REQUEST));
    assertEquals("cannot connect to the model provider", failed.detail());
    assertEquals(1, stored.size());
    assertEquals(MessageStatus.FAILED, stored.get(0).status());
    assertEquals("", stored.get(0).text());
    assertTrue(stored.get(0).metadata().contains("cannot connect"), stored.get(0)::metadata);
    assertEquals(0, turns.admission.openStreams());
  }

  @Test
  void aContextThatFailsToBuildStoresTheReplyAsFailedToo() {
    contextFailure = new IllegalStateException("ranking broke");
    assertThrows(IllegalStateException.class, () -> turns.start(CALLER, REQUEST));
    assertEquals(MessageStatus.FAILED, stored.get(0).status());
    assertTrue(stored.get(0).metadata().contains("could not be started"), stored.get(0)::metadata);
    assertEquals(0, turns.admission.openStreams());
  }

  @Test
  void aReplyBreakingOffIsStoredWithItsPartialTextAndThenReported() {
    provider =
        () ->
            stream(
                "data: {\"choices\":[{\"delta\":{\"content\":\"par\"}}]}\n\n"
                    + "data: {\"choices\":[{\"delta\":{\"content\":\"tial\"}}]}\n\n");
    ChatTurns.Started started = turns.start(CALLER, REQUEST);
    assertEquals(1, turns.admission.openStreams());
    ProviderFailed failed = assertThrows(ProviderFailed.class, () -> turns.collect(started));
    assertTrue(failed.detail().contains("ended before it was complete"), failed::detail);
    assertEquals(
        List.of(new Stored(7, MessageStatus.FAILED, "partial", stored.get(0).metadata())), stored);
    assertEquals(0, turns.admission.openStreams());
    assertTrue(turns.live.all().isEmpty(), "no live reply is left behind");
  }

  @Test
  void noThreadForThePumpIsA503BeforeAnyByteAndTheReplyIsStoredFailed() {
    pumpsReject = true;
    ChatTurns.Started started = turns.start(CALLER, REQUEST);
    Overloaded overloaded = assertThrows(Overloaded.class, () -> turns.relay(started, null, null));
    assertEquals(503, overloaded.status());
    assertSame(MessageStatus.FAILED, stored.get(0).status());
    assertTrue(started.upstream().isClosed(), "the provider call is cancelled");
    assertEquals(0, turns.admission.openStreams());
    assertTrue(turns.live.all().isEmpty());
  }

  @Test
  void aStoreThatFailsAtTheEndIsLoggedNotThrownTheClientStillGetsItsReply() {
    provider =
        () -> stream("data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\ndata: [DONE]\n\n");
    storeFailure = new IllegalStateException("database gone");
    ChatTurns.Started started = turns.start(CALLER, REQUEST);
    assertEquals("hi", turns.collect(started).message().content());
    assertEquals(0, turns.admission.openStreams());
  }

  @Test
  void theAdmissionLimitRefusesWith503AndRetryAfter() {
    List<ChatTurns.Started> open = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      open.add(turns.start(CALLER, REQUEST));
    }
    Overloaded full = assertThrows(Overloaded.class, () -> turns.start(CALLER, REQUEST));
    assertEquals("2", full.headers().get("Retry-After"));
    open.forEach(turns::collect);
    assertEquals(0, turns.admission.openStreams());
    assertNull(full.getCause());
  }

  /** The database side: begins as {@link #begin} says, records or fails the stored ends. */
  class FakeSessions extends ChatSessions {

    @Override
    public Turn begin(
        Caller caller, Long sessionId, String model, List<MessageInput> in, int estimate) {
      return begin.get();
    }

    @Override
    public void finish(
        Turn turn,
        MessageStatus outcome,
        String text,
        Usage usage,
        String finishReason,
        String metadata,
        String answeredBy) {
      if (storeFailure != null) {
        throw storeFailure;
      }
      stored.add(new Stored(turn.replyId(), outcome, text, metadata));
    }
  }

  static Turn turn() {
    return new Turn(3, false, 7, 11, "gpt-4", List.of(new PromptMessage("user", "hello")));
  }

  static CompletionStream stream(String sse) {
    return new CompletionStream(
        new ByteArrayInputStream(sse.getBytes(StandardCharsets.UTF_8)), Duration.ofSeconds(1));
  }
}
