package dev.parley.chat.control;

import dev.parley.chat.entity.ChatMessage;
import dev.parley.chat.entity.ChatSession;
import dev.parley.chat.entity.HistoryPage;
import dev.parley.chat.entity.HistoryQuery;
import dev.parley.chat.entity.MessageInput;
import dev.parley.chat.entity.MessageStatus;
import dev.parley.chat.entity.ReplyState;
import dev.parley.chat.entity.Role;
import dev.parley.chat.entity.SessionView;
import dev.parley.chat.entity.SwitchedSession;
import dev.parley.chat.entity.Turn;
import dev.parley.platform.errors.BadRequest;
import dev.parley.platform.errors.Conflict;
import dev.parley.platform.errors.NotFound;
import dev.parley.platform.persistence.DatabaseFaults;
import dev.parley.provider.control.TokenCounter;
import dev.parley.provider.entity.PromptMessage;
import dev.parley.provider.entity.Usage;
import dev.parley.ratelimit.control.UsageLedger;
import dev.parley.ratelimit.entity.CallKind;
import dev.parley.security.entity.Caller;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Sessions and their messages. Every public method is one short transaction; streaming never holds
 * one open: {@link #begin} stores the user's messages and an in-progress reply row before the
 * provider is called, {@link #checkpoint} saves partial text in the background, {@link #finish}
 * stores the outcome.
 */
@Stateless
public class ChatSessions {

  static final String BUSY =
      "another reply is still streaming in this session; wait for it to finish";
  static final String NOT_FOUND = "chat session not found";
  static final String NOT_A_REPLY = "Last-Event-ID names no reply of this session";

  private static final Logger LOG = Logger.getLogger(ChatSessions.class.getName());

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject ChatSettings settings;
  @Inject UsageLedger usage;

  /**
   * Stores the request's messages (in a new session, or appended to the caller's session, which
   * then answers with {@code model}) and an in-progress reply; returns the conversation to send
   * upstream.
   */
  public Turn begin(
      Caller caller,
      Long sessionId,
      String model,
      List<MessageInput> messages,
      int completionEstimate) {
    Instant now = clock.instant();
    // first: the inserts below reference the user's row (see UsageLedger.lock)
    UsageLedger.Admission admission = usage.lock(caller, CallKind.CHAT);
    ChatSession session;
    List<PromptMessage> conversation = new ArrayList<>();
    int seq = 0;
    if (sessionId == null) {
      session =
          new ChatSession(caller.userId(), caller.applicationId(), model, Titles.of(messages), now);
    } else {
      session = owned(caller, sessionId);
      session.switchModel(model, now);
      flushOrConflict(); // serializes concurrent turns of one session on its version
      if (liveReplies(session.id(), now) > 0) {
        throw new Conflict(BUSY);
      }
      for (ChatMessage earlier : messagesOf(List.of(session.id()))) {
        seq = earlier.seq();
        if (earlier.isContext()) {
          conversation.add(new PromptMessage(earlier.role().json(), earlier.content()));
        }
      }
    }
    for (MessageInput input : messages) {
      conversation.add(new PromptMessage(input.role(), input.content()));
    }
    // the tier's concurrency and daily-token limits, checked before anything is written: the
    // queries then have nothing to flush, and a refusal leaves nothing behind
    int promptTokens = TokenCounter.countPrompt(conversation);
    admission.admit(promptTokens, completionEstimate);
    if (sessionId == null) {
      em.persist(session);
      em.flush(); // the messages' foreign key needs the row first: no JPA relationship orders them
    }
    for (MessageInput input : messages) {
      em.persist(
          ChatMessage.sent(session.id(), ++seq, Role.fromJson(input.role()), input.content(), now));
    }
    long usageId = admission.record(model);
    ChatMessage reply =
        ChatMessage.replyStarting(session.id(), ++seq, model, settings.instanceId(), now);
    em.persist(reply);
    em.flush();
    return new Turn(session.id(), sessionId == null, reply.id(), usageId, model, conversation);
  }

  /** Saves the partial text of streaming replies, all in one transaction. */
  public void checkpoint(Map<Long, String> partialTexts) {
    Instant now = clock.instant();
    partialTexts.forEach(
        (replyId, text) ->
            em.createNamedQuery(ChatMessage.CHECKPOINT)
                .setParameter("content", text)
                .setParameter("now", now)
                .setParameter("id", replyId)
                .setParameter("status", MessageStatus.IN_PROGRESS)
                .executeUpdate());
  }

  /**
   * Stores how a reply ended and settles its usage record, both under {@code answeredBy}, the model
   * that answered (the requested one, or a fallback). A reply whose session was deleted meanwhile
   * is dropped with it (its usage still counts).
   */
  public void finish(
      Turn turn,
      MessageStatus outcome,
      String text,
      Usage usage,
      String finishReason,
      String metadata,
      String answeredBy) {
    this.usage.settle(turn.usageId(), usage, outcome.json(), answeredBy);
    long replyId = turn.replyId();
    ChatMessage reply = em.find(ChatMessage.class, replyId);
    if (reply == null) {
      return;
    }
    if (reply.status() != MessageStatus.IN_PROGRESS) {
      LOG.warning(
          () ->
              "reply "
                  + replyId
                  + " was already marked "
                  + reply.status()
                  + "; keeping its final text");
    }
    Instant now = clock.instant();
    reply.answeredBy(answeredBy);
    reply.finish(
        outcome,
        text,
        usage == null ? null : usage.promptTokens(),
        usage == null ? null : usage.completionTokens(),
        finishReason,
        metadata,
        now);
    // a bulk update: never fails on the session's version, so a reply is never lost to a concurrent
    // switch
    em.createQuery(
            "UPDATE ChatSession s SET s.updatedAt = :now WHERE s.id = :id AND s.updatedAt < :now")
        .setParameter("now", now)
        .setParameter("id", reply.sessionId())
        .executeUpdate();
  }

  /** A reply as stored (its outcome, finish reason and usage), if it still exists. */
  public Optional<ChatMessage> storedReply(long replyId) {
    return Optional.ofNullable(em.find(ChatMessage.class, replyId));
  }

  public SwitchedSession switchModel(Caller caller, long sessionId, String model) {
    ChatSession session = owned(caller, sessionId);
    session.switchModel(model, clock.instant());
    flushOrConflict();
    return SwitchedSession.of(session, messagesOf(List.of(session.id())));
  }

  public HistoryPage history(Caller caller, HistoryQuery query) {
    StringBuilder where =
        new StringBuilder(" WHERE s.userId = :userId AND s.applicationId = :applicationId");
    if (query.createdFrom() != null) {
      where.append(" AND s.createdAt >= :createdFrom");
    }
    if (query.createdTo() != null) {
      where.append(" AND s.createdAt <= :createdTo");
    }
    if (query.model() != null) {
      where.append(" AND s.model = :model");
    }
    long total =
        bind(
                em.createQuery("SELECT COUNT(s) FROM ChatSession s" + where, Long.class),
                caller,
                query)
            .getSingleResult();
    List<ChatSession> sessions =
        bind(
                em.createQuery(
                    "SELECT s FROM ChatSession s" + where + " ORDER BY s.updatedAt DESC, s.id DESC",
                    ChatSession.class),
                caller,
                query)
            .setFirstResult(query.offset())
            .setMaxResults(query.pageSize())
            .getResultList();
    Map<Long, List<ChatMessage>> messages = new LinkedHashMap<>();
    sessions.forEach(s -> messages.put(s.id(), new ArrayList<>()));
    if (!sessions.isEmpty()) {
      messagesOf(List.copyOf(messages.keySet())).forEach(m -> messages.get(m.sessionId()).add(m));
    }
    List<SessionView> views =
        sessions.stream().map(s -> SessionView.of(s, messages.get(s.id()))).toList();
    return new HistoryPage(total, query.page(), query.pageSize(), views);
  }

  public void delete(Caller caller, long sessionId) {
    ChatSession session = owned(caller, sessionId);
    // the session's files go with it: the schema cascades
    em.createNamedQuery(ChatMessage.DELETE_OF_SESSION)
        .setParameter("sessionId", session.id())
        .executeUpdate();
    em.remove(session);
  }

  /**
   * Marks replies left in progress by a stopped instance as interrupted: this instance's own (it
   * just started, so none of them is live) and anyone's not written for longer than a live stream
   * allows.
   */
  public int interruptAbandoned() {
    Instant now = clock.instant();
    int owned =
        em.createNamedQuery(ChatMessage.INTERRUPT_OWNED)
            .setParameter("interrupted", MessageStatus.INTERRUPTED)
            .setParameter("inProgress", MessageStatus.IN_PROGRESS)
            .setParameter("now", now)
            .setParameter("instanceId", settings.instanceId())
            .executeUpdate();
    return owned + interruptStale();
  }

  /** Marks replies nobody has written for longer than a live stream allows as interrupted. */
  public int interruptStale() {
    Instant now = clock.instant();
    return em.createNamedQuery(ChatMessage.INTERRUPT_STALE)
        .setParameter("interrupted", MessageStatus.INTERRUPTED)
        .setParameter("inProgress", MessageStatus.IN_PROGRESS)
        .setParameter("now", now)
        .setParameter("staleBefore", now.minus(settings.staleAfter()))
        .executeUpdate();
  }

  /**
   * The caller's session's latest assistant reply (empty if it has none), or, with {@code replyId},
   * that reply of the session. 404 unless the caller owns the session; 400 when {@code replyId} is
   * not a reply of it.
   */
  public Optional<ReplyState> reply(Caller caller, long sessionId, Long replyId) {
    ChatSession session = owned(caller, sessionId);
    if (replyId == null) {
      return em.createNamedQuery(ChatMessage.REPLIES_OF_SESSION, ChatMessage.class)
          .setParameter("sessionId", session.id())
          .setParameter("role", Role.ASSISTANT)
          .setMaxResults(1)
          .getResultStream()
          .findFirst()
          .map(ReplyState::of);
    }
    ChatMessage reply = em.find(ChatMessage.class, replyId);
    if (reply == null || reply.sessionId() != session.id() || reply.role() != Role.ASSISTANT) {
      throw new BadRequest(NOT_A_REPLY);
    }
    return Optional.of(ReplyState.of(reply));
  }

  /**
   * A reply as stored now; the caller's ownership was checked when they began to follow it. Empty
   * when its session was deleted meanwhile.
   */
  public Optional<ReplyState> reply(long replyId) {
    return Optional.ofNullable(em.find(ChatMessage.class, replyId)).map(ReplyState::of);
  }

  /**
   * Marks one in-progress reply interrupted if nobody has written it for longer than a live stream
   * allows (its instance is gone): what the periodic sweep does, at once for a reply someone
   * follows.
   */
  public boolean interruptIfStale(long replyId) {
    Instant now = clock.instant();
    return em.createNamedQuery(ChatMessage.INTERRUPT_IF_STALE)
            .setParameter("interrupted", MessageStatus.INTERRUPTED)
            .setParameter("inProgress", MessageStatus.IN_PROGRESS)
            .setParameter("now", now)
            .setParameter("id", replyId)
            .setParameter("staleBefore", now.minus(settings.staleAfter()))
            .executeUpdate()
        > 0;
  }

  /**
   * 404 unless the caller owns the session (user and application): the one ownership check, also
   * for the features that hang data on sessions (files).
   */
  public void requireOwned(Caller caller, long sessionId) {
    owned(caller, sessionId);
  }

  private ChatSession owned(Caller caller, long sessionId) {
    return em.createNamedQuery(ChatSession.BY_OWNER_AND_ID, ChatSession.class)
        .setParameter("id", sessionId)
        .setParameter("userId", caller.userId())
        .setParameter("applicationId", caller.applicationId())
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> new NotFound(NOT_FOUND));
  }

  private long liveReplies(long sessionId, Instant now) {
    return em.createNamedQuery(ChatMessage.LIVE_REPLIES, Long.class)
        .setParameter("sessionId", sessionId)
        .setParameter("status", MessageStatus.IN_PROGRESS)
        .setParameter("freshSince", now.minus(settings.staleAfter()))
        .getSingleResult();
  }

  private List<ChatMessage> messagesOf(List<Long> sessionIds) {
    return em.createNamedQuery(ChatMessage.OF_SESSIONS, ChatMessage.class)
        .setParameter("sessionIds", sessionIds)
        .getResultList();
  }

  private void flushOrConflict() {
    try {
      em.flush();
    } catch (PersistenceException concurrentChange) {
      throw DatabaseFaults.outageOr(concurrentChange, () -> new Conflict(BUSY));
    }
  }

  private static <T> TypedQuery<T> bind(TypedQuery<T> query, Caller caller, HistoryQuery filter) {
    query
        .setParameter("userId", caller.userId())
        .setParameter("applicationId", caller.applicationId());
    if (filter.createdFrom() != null) {
      query.setParameter("createdFrom", filter.createdFrom());
    }
    if (filter.createdTo() != null) {
      query.setParameter("createdTo", filter.createdTo());
    }
    if (filter.model() != null) {
      query.setParameter("model", filter.model());
    }
    return query;
  }
}
