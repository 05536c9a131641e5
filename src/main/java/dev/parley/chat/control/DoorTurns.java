package dev.parley.chat.control;

import dev.parley.chat.entity.CompletionView;
import dev.parley.chat.entity.DoorRequest;
import dev.parley.chat.entity.MessageStatus;
import dev.parley.chat.entity.StreamRequest;
import dev.parley.chat.streaming.LiveReplies;
import dev.parley.chat.streaming.LiveReply;
import dev.parley.chat.streaming.SseChannel;
import dev.parley.chat.streaming.StreamAdmission;
import dev.parley.chat.streaming.StreamPumps;
import dev.parley.platform.errors.Overloaded;
import dev.parley.platform.errors.ParleyException;
import dev.parley.platform.errors.ProviderFailed;
import dev.parley.platform.metrics.ParleyMetrics;
import dev.parley.provider.control.CompletionStream;
import dev.parley.provider.control.Completions;
import dev.parley.provider.control.ModelCatalog;
import dev.parley.provider.control.TokenCounter;
import dev.parley.provider.entity.CompletionChunk;
import dev.parley.provider.entity.CompletionRequest;
import dev.parley.provider.entity.ModelDescriptor;
import dev.parley.provider.entity.Usage;
import dev.parley.ratelimit.control.TierPolicy;
import dev.parley.ratelimit.control.UsageLedger;
import dev.parley.ratelimit.entity.CallKind;
import dev.parley.security.entity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OpenAI-compatible door ({@code POST /v1/chat/completions}) from request to settled usage.
 * Stateless by default: the client's request goes to the model's provider as it is (or translated
 * for Anthropic), nothing is stored but the usage record, and the answer is OpenAI's format. The
 * same limits as chat apply: the tier's rate, concurrent calls and daily tokens (the ledger), this
 * instance's capacity of open streams, fallback before the first token, heartbeats while the
 * provider is silent, and the cut-off on shutdown. With {@code X-Parley-Session} the request is a
 * turn of a stored chat session instead ({@link ChatTurns}), answered in OpenAI's format.
 */
@ApplicationScoped
public class DoorTurns {

  private static final Logger LOG = Logger.getLogger(DoorTurns.class.getName());

  static final String CUT_OFF =
      "this Parley instance shut down before the reply was complete; send the request again";

  /** Door replies are not stored: their live entries take ids no message row has. */
  private static final AtomicLong UNSTORED = new AtomicLong();

  @Inject ModelCatalog catalog;
  @Inject Completions completions;
  @Inject UsageLedger ledger;
  @Inject StreamAdmission admission;
  @Inject StreamPumps pumps;
  @Inject LiveReplies live;
  @Inject ParleyMetrics metrics;
  @Inject Clock clock;
  @Inject ChatTurns turns;
  @Inject ChatSessions sessions;

  @Inject TierPolicy tiers;

  /** A stateless call whose provider stream is open. */
  public record Call(
      DoorRequest request,
      ModelDescriptor model,
      long usageId,
      int promptTokens,
      CompletionStream upstream,
      StreamAdmission.Ticket ticket) {}

  /**
   * Admits the call (capacity, then the tier's limits), records it and opens the provider stream;
   * every failure up to here is an HTTP status.
   */
  public Call start(Caller caller, DoorRequest request) {
    ModelDescriptor model = catalog.require(request.model());
    StreamAdmission.Ticket ticket = admission.admit();
    try {
      int promptTokens = TokenCounter.countPrompt(request.prompt());
      long usageId =
          ledger.open(
              caller,
              CallKind.CHAT,
              model.name(),
              promptTokens,
              tiers.completionEstimate(request.maxTokens()));
      try {
        CompletionStream upstream =
            completions.open(
                new CompletionRequest(
                    model,
                    request.prompt(),
                    request.temperature() == null
                        ? StreamRequest.DEFAULT_TEMPERATURE
                        : request.temperature(),
                    request.maxTokens(),
                    request.raw()));
        return new Call(request, model, usageId, promptTokens, upstream, ticket);
      } catch (RuntimeException e) {
        // a request no model could take (400) reached no provider: it costs no tokens
        boolean refused = e instanceof ParleyException p && p.status() < 500;
        settle(
            usageId,
            new Usage(refused ? 0 : promptTokens, 0),
            MessageStatus.FAILED,
            model.name(),
            e);
        throw e;
      }
    } catch (RuntimeException e) {
      ticket.close();
      throw e;
    }
  }

  /** Streams the answer as OpenAI chunks in the background; returns at once. */
  public void relay(Call call, SseEventSink sink, Sse sse) {
    SseChannel channel = new SseChannel(sink, sse);
    LiveReply reply = liveReply(call);
    reply.heartbeatWith(
        () -> {
          if (channel.heartbeat()) {
            reply.sent(clock.instant());
          } else {
            call.upstream().close(); // the client left while the provider was silent
          }
        });
    live.add(reply);
    try {
      pumps.execute(() -> pump(call, channel, reply));
    } catch (RejectedExecutionException e) {
      Overloaded overloaded =
          new Overloaded("Parley is at capacity; retry shortly", Duration.ofSeconds(2));
      end(call, reply, new DoorWire.Assembled(), MessageStatus.FAILED, overloaded);
      throw overloaded;
    }
  }

  /** {@code "stream": false}: the whole answer, collected on the calling thread. */
  public String collect(Call call) {
    LiveReply reply = liveReply(call);
    live.add(reply);
    DoorWire wire = new DoorWire(clock.instant().getEpochSecond());
    DoorWire.Assembled assembled = new DoorWire.Assembled();
    ParleyException failure = null;
    MessageStatus status = MessageStatus.COMPLETED;
    try {
      CompletionChunk chunk;
      while ((chunk = call.upstream().next()) != null) {
        assembled.add(chunk);
      }
    } catch (ParleyException e) {
      status = reply.isCutOff() ? MessageStatus.INTERRUPTED : MessageStatus.FAILED;
      failure = reply.isCutOff() ? new Overloaded(CUT_OFF, Duration.ofSeconds(2)) : e;
    }
    Usage usage = end(call, reply, assembled, status, failure);
    if (failure != null) {
      throw failure;
    }
    return wire.completion(call.upstream().answer().model(), assembled, usage);
  }

  private LiveReply liveReply(Call call) {
    LiveReply reply = new LiveReply(UNSTORED.decrementAndGet(), clock.instant());
    reply.cancelUpstreamWith(call.upstream()::close);
    return reply;
  }

  private void pump(Call call, SseChannel channel, LiveReply reply) {
    DoorWire wire = new DoorWire(clock.instant().getEpochSecond());
    DoorWire.Assembled assembled = new DoorWire.Assembled();
    MessageStatus status = MessageStatus.COMPLETED;
    ParleyException failure = null;
    long firstToken = 0;
    String model = call.model().name();
    try {
      CompletionChunk chunk;
      while ((chunk = call.upstream().next()) != null) {
        assembled.add(chunk);
        if (chunk.hasOutput()) {
          if (firstToken == 0) {
            firstToken = System.nanoTime();
            model = call.upstream().answer().model();
          }
          if (!channel.data(wire.delta(model, chunk))) {
            status = MessageStatus.CANCELLED;
            break;
          }
          reply.sent(clock.instant());
        }
      }
    } catch (ParleyException e) {
      if (reply.isCutOff()) {
        status = MessageStatus.INTERRUPTED;
        failure = new Overloaded(CUT_OFF, Duration.ofSeconds(2));
      } else if (call.upstream().isClosed()) {
        status = MessageStatus.CANCELLED;
      } else {
        status = MessageStatus.FAILED;
        failure = e;
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "unexpected error while relaying a door reply", e);
      status = MessageStatus.FAILED;
      failure = new ProviderFailed("internal error while relaying the reply");
    }
    try {
      Usage usage = end(call, reply, assembled, status, failure);
      metrics.firstToken(reply.startNanos(), firstToken);
      model = call.upstream().answer().model();
      if (status == MessageStatus.COMPLETED) {
        channel.data(wire.finish(model, assembled.finishReason()));
        if (call.request().includeUsage()) {
          channel.data(wire.usage(model, usage));
        }
        channel.done();
      } else if (failure != null) {
        channel.error(DoorWire.error(failure.detail(), failure.status()));
        channel.done();
      }
    } finally {
      channel.close();
    }
  }

  /** Ends the call: upstream closed, live entry gone, usage settled, capacity released. */
  private Usage end(
      Call call,
      LiveReply reply,
      DoorWire.Assembled assembled,
      MessageStatus status,
      ParleyException failure) {
    try {
      call.upstream().close();
      live.remove(reply);
      Usage usage =
          TokenCounter.usage(assembled.reported(), call.request().prompt(), assembled.counted());
      settle(call.usageId(), usage, status, call.upstream().answer().model(), failure);
      return usage;
    } finally {
      call.ticket().close();
    }
  }

  private void settle(
      long usageId, Usage usage, MessageStatus status, String model, Throwable failure) {
    metrics.replyEnded(status.json(), failure, usage.completionTokens());
    try {
      ledger.settle(usageId, usage, status.json(), model);
    } catch (RuntimeException e) {
      // the record stays open with its estimate and is swept as abandoned
      LOG.log(Level.SEVERE, "could not settle the usage of a door call " + usageId, e);
    }
  }

  // ---- X-Parley-Session: a turn of a stored chat session, answered in OpenAI's format

  /** The turn as a chat turn: the request's messages are appended to the session. */
  public ChatTurns.Started startTurn(Caller caller, DoorRequest request, Long sessionId) {
    return turns.start(
        caller,
        new StreamRequest(
            request.model(),
            DoorBodies.sessionMessages(request),
            request.temperature(),
            request.maxTokens(),
            request.stream(),
            sessionId));
  }

  /** Streams the turn through chat's relay, its events rewritten as OpenAI chunks. */
  public void relayTurn(
      ChatTurns.Started started, DoorRequest request, SseEventSink sink, Sse sse) {
    DoorWire wire = new DoorWire(clock.instant().getEpochSecond());
    turns.relay(
        started,
        new DoorEventSink(
            sink,
            sse,
            wire,
            () -> started.upstream().answer().model(),
            () -> sessions.storedReply(started.turn().replyId()),
            request.includeUsage()),
        sse);
  }

  /** The whole turn in OpenAI's format. */
  public String collectTurn(ChatTurns.Started started) {
    CompletionView view = turns.collect(started);
    DoorWire.Assembled assembled = new DoorWire.Assembled();
    assembled.add(
        new CompletionChunk(
            view.message().content(),
            view.finishReason(),
            new Usage(view.usage().promptTokens(), view.usage().completionTokens())));
    return new DoorWire(clock.instant().getEpochSecond())
        .completion(
            view.model(),
            assembled,
            new Usage(view.usage().promptTokens(), view.usage().completionTokens()));
  }
}
