package dev.parley.chat.control;

import dev.parley.chat.entity.CompletionView;
import dev.parley.chat.entity.MessageStatus;
import dev.parley.chat.entity.MessageView;
import dev.parley.chat.entity.StreamRequest;
import dev.parley.chat.entity.Turn;
import dev.parley.chat.streaming.Endings;
import dev.parley.chat.streaming.LiveReplies;
import dev.parley.chat.streaming.LiveReply;
import dev.parley.chat.streaming.ReplyEventId;
import dev.parley.chat.streaming.ReplyGrid;
import dev.parley.chat.streaming.ReplyReader;
import dev.parley.chat.streaming.SseChannel;
import dev.parley.chat.streaming.StreamAdmission;
import dev.parley.chat.streaming.StreamPumps;
import dev.parley.chat.streaming.TurnStartGate;
import dev.parley.platform.errors.ErrorResponse;
import dev.parley.platform.errors.Overloaded;
import dev.parley.platform.errors.ParleyException;
import dev.parley.platform.errors.ProviderFailed;
import dev.parley.platform.json.JsonText;
import dev.parley.platform.metrics.ParleyMetrics;
import dev.parley.provider.control.CompletionStream;
import dev.parley.provider.control.Completions;
import dev.parley.provider.control.ModelCatalog;
import dev.parley.provider.control.TokenCounter;
import dev.parley.provider.entity.Answer;
import dev.parley.provider.entity.CompletionRequest;
import dev.parley.provider.entity.ModelDescriptor;
import dev.parley.provider.entity.Usage;
import dev.parley.ratelimit.control.TierPolicy;
import dev.parley.security.entity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A chat turn from request to stored reply. {@link #start} runs on the request thread: it checks
 * the model, admits the stream, stores the user's messages and an in-progress reply, and opens the
 * provider stream, so that every failure up to here is still a proper HTTP status. {@link #relay}
 * then pumps tokens to the client on a thread of its own ({@link StreamPumps}) and stores the
 * outcome before {@code [DONE]}.
 */
@ApplicationScoped
public class ChatTurns {

  private static final Logger LOG = Logger.getLogger(ChatTurns.class.getName());

  @Inject StreamPumps pumps;

  @Inject ChatSessions sessions;
  @Inject TurnContext context;
  @Inject ModelCatalog catalog;
  @Inject Completions completions;
  @Inject StreamAdmission admission;
  @Inject TurnStartGate gate;
  @Inject LiveReplies live;
  @Inject Clock clock;
  @Inject ParleyMetrics metrics;
  @Inject ReplyGrid grid;
  @Inject ChatSettings settings;

  @Inject TierPolicy tiers;

  /** A turn whose provider stream is open, ready to relay or collect. */
  public record Started(Turn turn, CompletionStream upstream, StreamAdmission.Ticket ticket) {}

  public Started start(Caller caller, StreamRequest request) {
    ModelDescriptor model = catalog.require(request.model());
    StreamAdmission.Ticket ticket = admission.admit();
    try {
      Turn turn = gate.pass(() -> prepared(caller, request, model));
      try {
        CompletionStream upstream =
            completions.open(
                new CompletionRequest(
                    model,
                    turn.conversation(),
                    request.temperatureOrDefault(),
                    request.maxTokens()));
        return new Started(turn, upstream, ticket);
      } catch (RuntimeException e) {
        abandon(turn, e);
        throw e;
      }
    } catch (RuntimeException e) {
      ticket.close();
      throw e;
    }
  }

  /** Stores the turn and builds what goes upstream; the CPU- and database-bound part of a start. */
  private Turn prepared(Caller caller, StreamRequest request, ModelDescriptor model) {
    Turn stored =
        sessions.begin(
            caller,
            request.sessionId(),
            model.name(),
            request.messages(),
            tiers.completionEstimate(request.maxTokens()));
    try {
      return context.complete(stored);
    } catch (RuntimeException e) {
      abandon(stored, e);
      throw e;
    }
  }

  /**
   * Streams the reply to the client in the background; returns at once. The requesting client is
   * the reply's first follower: when it goes away the reply keeps generating for the disconnect
   * grace (others may resume it meanwhile), then is cancelled if nobody follows it.
   */
  public void relay(Started started, SseEventSink sink, Sse sse) {
    SseChannel channel = new SseChannel(sink, sse);
    LiveReply reply = liveReply(started);
    Requester requester = new Requester(reply, channel);
    reply.follow();
    reply.heartbeatWith(
        () -> {
          if (requester.attached() && channel.heartbeat()) {
            reply.sent(clock.instant());
          } else {
            requester.left(); // the client left while the provider was silent
          }
        });
    live.add(reply);
    try {
      pumps.execute(() -> pump(started, requester, reply));
    } catch (RejectedExecutionException e) {
      // nothing was sent yet: the client still gets a proper 503
      Overloaded overloaded =
          new Overloaded("Parley is at capacity; retry shortly", Duration.ofSeconds(2));
      started.upstream().close();
      live.remove(reply);
      abandon(started.turn(), overloaded);
      started.ticket().close();
      throw overloaded;
    }
  }

  /** The client that started a reply, until it goes away (once). */
  private final class Requester {

    private final LiveReply reply;
    private final SseChannel channel;
    private final AtomicBoolean attached = new AtomicBoolean(true);

    Requester(LiveReply reply, SseChannel channel) {
      this.reply = reply;
      this.channel = channel;
    }

    boolean attached() {
      return attached.get();
    }

    /** Sends a token; false (and the client counts as gone) if it could not be delivered. */
    boolean token(String text, String id) {
      if (!attached.get()) {
        return false;
      }
      if (channel.token(text, id)) {
        return true;
      }
      left();
      return false;
    }

    void left() {
      if (attached.compareAndSet(true, false)) {
        reply.leave(settings.disconnectGrace());
      }
    }
  }

  /** A turn that failed before any token reached the client: its reply is stored as failed. */
  private void abandon(Turn turn, RuntimeException cause) {
    ParleyException failure =
        cause instanceof ParleyException p
            ? p
            : new ProviderFailed("the reply could not be started", cause);
    store(
        turn,
        null,
        "",
        new ReplyReader.Outcome(MessageStatus.FAILED, null, "error", failure),
        null);
  }

  /**
   * {@code "stream": false}: collects the whole reply on the calling thread. The waiting request
   * follows the reply until it ends (so it is never cancelled for want of followers); other clients
   * may follow it live through the resume endpoint meanwhile.
   */
  public CompletionView collect(Started started) {
    LiveReply reply = liveReply(started);
    reply.follow();
    live.add(reply);
    ReplyReader.Outcome outcome;
    Usage usage;
    Answer answer;
    try {
      int[] offset = {0};
      outcome =
          ReplyReader.read(
              started.upstream(),
              reply,
              token -> {
                grid.appended(reply, offset[0], token);
                offset[0] += token.length();
                return reply.cancelled() == null;
              });
      usage = settle(started, reply, outcome);
      answer = started.upstream().answer();
    } finally {
      started.upstream().close();
      live.remove(reply);
      started.ticket().close();
    }
    if (outcome.failure() != null) {
      throw outcome.failure();
    }
    return new CompletionView(
        started.turn().sessionId(),
        answer.model(),
        new MessageView.Plain("assistant", reply.text()),
        new CompletionView.UsageView(
            usage.promptTokens(), usage.completionTokens(), usage.totalTokens()),
        outcome.finishReason());
  }

  private LiveReply liveReply(Started started) {
    LiveReply reply = new LiveReply(started.turn().replyId(), clock.instant());
    reply.cancelUpstreamWith(started.upstream()::close);
    return reply;
  }

  private void pump(Started started, Requester requester, LiveReply reply) {
    long replyId = started.turn().replyId();
    int[] offset = {0};
    ReplyReader.Outcome outcome =
        ReplyReader.read(
            started.upstream(),
            reply,
            token -> {
              int start = offset[0];
              offset[0] += token.length();
              grid.appended(reply, start, token);
              if (requester.token(token, ReplyEventId.format(replyId, offset[0]))) {
                reply.sent(clock.instant());
              }
              return reply.cancelled() == null;
            });
    finish(started, requester, reply, outcome);
  }

  /**
   * Stores the outcome, then tells the followers: here (the requester, if still there, and resumed
   * clients) and on other instances, which read it from the database. Usage is settled here, once.
   */
  private void finish(
      Started started, Requester requester, LiveReply reply, ReplyReader.Outcome outcome) {
    try {
      settle(started, reply, outcome);
      metrics.firstToken(reply.startNanos(), reply.firstTokenNanos());
      if (requester.attached()) {
        SseChannel channel = requester.channel;
        if (outcome.failure() != null) {
          channel.error(new ErrorResponse(outcome.failure().detail()).toJson());
        }
        channel.done();
      }
    } finally {
      live.remove(reply);
      requester.channel.close();
      started.ticket().close();
    }
  }

  /**
   * Closes the provider stream, stores the outcome (usage settled here, once) and ends the reply
   * for its followers: here, and on other instances, which read it from the database.
   */
  private Usage settle(Started started, LiveReply reply, ReplyReader.Outcome outcome) {
    started.upstream().close();
    LiveReply.Cancel cancel =
        outcome.status() == MessageStatus.CANCELLED ? reply.cancelled() : null;
    Usage usage = store(started.turn(), started.upstream().answer(), reply.text(), outcome, cancel);
    reply.end(
        Endings.of(
            outcome.status(),
            outcome.failure() == null ? null : outcome.failure().detail(),
            cancel));
    grid.ended(reply);
    return usage;
  }

  /**
   * The reply's metadata JSON: a failure's detail, whether the conversation was trimmed to fit, and
   * which model answered when the requested one was skipped (with why).
   */
  static String metadata(
      Turn turn, ReplyReader.Outcome outcome, Answer answer, LiveReply.Cancel cancel) {
    List<String> fields = new ArrayList<>();
    if (outcome.failure() != null) {
      fields.add("\"error\":" + JsonText.quote(outcome.failure().detail()));
    }
    if (cancel != null) {
      fields.add("\"cancelled_by\":\"" + cancel.json() + "\"");
    }
    if (turn.contextTrimmed()) {
      fields.add("\"context_trimmed\":true,\"dropped_messages\":" + turn.droppedMessages());
    }
    if (answer != null && answer.fellBack()) {
      fields.add(
          "\"answered_by\":"
              + JsonText.quote(answer.model())
              + ",\"skipped\":["
              + String.join(
                  ",",
                  answer.skipped().stream()
                      .map(
                          s ->
                              "{\"model\":"
                                  + JsonText.quote(s.model())
                                  + ",\"provider\":"
                                  + JsonText.quote(s.provider())
                                  + ",\"reason\":"
                                  + JsonText.quote(s.reason())
                                  + "}")
                      .toList())
              + "]");
    }
    return fields.isEmpty() ? null : "{" + String.join(",", fields) + "}";
  }

  /**
   * Stores the reply's outcome, with the provider's usage or, lacking it, counted tokens, under the
   * model that answered ({@code answer} null: no model did); for a cancelled reply, who cancelled
   * it.
   */
  private Usage store(
      Turn turn, Answer answer, String text, ReplyReader.Outcome outcome, LiveReply.Cancel cancel) {
    Usage usage = TokenCounter.usage(outcome.usage(), turn.conversation(), text);
    metrics.replyEnded(outcome.status().json(), outcome.failure(), usage.completionTokens());
    String metadata = metadata(turn, outcome, answer, cancel);
    try {
      sessions.finish(
          turn,
          outcome.status(),
          text,
          usage,
          outcome.finishReason(),
          metadata,
          answer == null ? turn.model() : answer.model());
    } catch (RuntimeException e) {
      // the row stays in progress with its last checkpoint and is marked interrupted by recovery
      LOG.log(Level.SEVERE, "could not store the outcome of reply " + turn.replyId(), e);
    }
    return usage;
  }
}
