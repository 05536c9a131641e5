package dev.parley.chat.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One message of a session, in order ({@code seq}). Assistant replies carry model, usage and
 * outcome.
 */
@Entity
@Table(name = "chat_message")
@NamedQuery(
    name = ChatMessage.OF_SESSIONS,
    query =
        "SELECT m FROM ChatMessage m WHERE m.sessionId IN :sessionIds ORDER BY m.sessionId, m.seq")
@NamedQuery(
    name = ChatMessage.LAST_SEQ,
    query = "SELECT MAX(m.seq) FROM ChatMessage m WHERE m.sessionId = :sessionId")
@NamedQuery(
    name = ChatMessage.LIVE_REPLIES,
    query =
        "SELECT COUNT(m) FROM ChatMessage m WHERE m.sessionId = :sessionId AND m.status = :status"
            + " AND m.updatedAt > :freshSince")
@NamedQuery(
    name = ChatMessage.CHECKPOINT,
    query =
        "UPDATE ChatMessage m SET m.content = :content, m.updatedAt = :now WHERE m.id = :id AND m.status = :status")
@NamedQuery(
    name = ChatMessage.INTERRUPT_STALE,
    query =
        "UPDATE ChatMessage m SET m.status = :interrupted, m.finishReason = 'interrupted', m.instanceId = NULL,"
            + " m.updatedAt = :now WHERE m.status = :inProgress AND m.updatedAt < :staleBefore")
@NamedQuery(
    name = ChatMessage.INTERRUPT_OWNED,
    query =
        "UPDATE ChatMessage m SET m.status = :interrupted, m.finishReason = 'interrupted', m.instanceId = NULL,"
            + " m.updatedAt = :now WHERE m.status = :inProgress AND m.instanceId = :instanceId")
@NamedQuery(
    name = ChatMessage.REPLIES_OF_SESSION,
    query =
        "SELECT m FROM ChatMessage m WHERE m.sessionId = :sessionId AND m.role = :role ORDER BY m.seq DESC")
@NamedQuery(
    name = ChatMessage.INTERRUPT_IF_STALE,
    query =
        "UPDATE ChatMessage m SET m.status = :interrupted, m.finishReason = 'interrupted', m.instanceId = NULL,"
            + " m.updatedAt = :now WHERE m.id = :id AND m.status = :inProgress AND m.updatedAt < :staleBefore")
@NamedQuery(
    name = ChatMessage.DELETE_OF_SESSION,
    query = "DELETE FROM ChatMessage m WHERE m.sessionId = :sessionId")
public class ChatMessage {

  public static final String OF_SESSIONS = "ChatMessage.ofSessions";
  public static final String LAST_SEQ = "ChatMessage.lastSeq";
  public static final String LIVE_REPLIES = "ChatMessage.liveReplies";
  public static final String CHECKPOINT = "ChatMessage.checkpoint";
  public static final String INTERRUPT_STALE = "ChatMessage.interruptStale";
  public static final String INTERRUPT_OWNED = "ChatMessage.interruptOwned";
  public static final String DELETE_OF_SESSION = "ChatMessage.deleteOfSession";
  public static final String REPLIES_OF_SESSION = "ChatMessage.repliesOfSession";
  public static final String INTERRUPT_IF_STALE = "ChatMessage.interruptIfStale";

  @Id
  @SequenceGenerator(
      name = "chat_message_id",
      sequenceName = "chat_message_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "chat_message_id")
  @Column(name = "id")
  private Long id;

  @Column(name = "session_id", nullable = false)
  private long sessionId;

  @Column(name = "seq", nullable = false)
  private int seq;

  @Enumerated(EnumType.STRING)
  @Column(name = "role", nullable = false)
  private Role role;

  @Column(name = "content", nullable = false)
  private String content;

  @Column(name = "model")
  private String model;

  @Column(name = "prompt_tokens")
  private Integer promptTokens;

  @Column(name = "completion_tokens")
  private Integer completionTokens;

  @Column(name = "finish_reason")
  private String finishReason;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false)
  private MessageStatus status;

  @Column(name = "instance_id")
  private String instanceId;

  @Column(name = "metadata")
  private String metadata;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected ChatMessage() {}

  private ChatMessage(
      long sessionId, int seq, Role role, String content, MessageStatus status, Instant now) {
    this.sessionId = sessionId;
    this.seq = seq;
    this.role = Objects.requireNonNull(role);
    this.content = Objects.requireNonNull(content);
    this.status = Objects.requireNonNull(status);
    this.createdAt = Objects.requireNonNull(now);
    this.updatedAt = now;
  }

  /** A message the client sent, stored as it is. */
  public static ChatMessage sent(long sessionId, int seq, Role role, String content, Instant now) {
    return new ChatMessage(sessionId, seq, role, content, MessageStatus.COMPLETED, now);
  }

  /** The row of a reply about to stream, owned by one Parley instance until it ends. */
  public static ChatMessage replyStarting(
      long sessionId, int seq, String model, String instanceId, Instant now) {
    ChatMessage reply =
        new ChatMessage(sessionId, seq, Role.ASSISTANT, "", MessageStatus.IN_PROGRESS, now);
    reply.model = Objects.requireNonNull(model);
    reply.instanceId = instanceId;
    return reply;
  }

  /** The model that answered a reply: the requested one, or a fallback of it. */
  public void answeredBy(String answering) {
    this.model = Objects.requireNonNull(answering);
  }

  /** Ends a streaming reply with its final text, usage and outcome. */
  public void finish(
      MessageStatus outcome,
      String text,
      Integer prompt,
      Integer completion,
      String reason,
      String meta,
      Instant now) {
    if (outcome == MessageStatus.IN_PROGRESS) {
      throw new IllegalArgumentException("a reply cannot finish in progress");
    }
    this.status = outcome;
    this.content = Objects.requireNonNull(text);
    this.promptTokens = prompt;
    this.completionTokens = completion;
    this.finishReason = reason;
    this.metadata = meta;
    this.instanceId = null;
    this.updatedAt = now;
  }

  public Long id() {
    return id;
  }

  public long sessionId() {
    return sessionId;
  }

  public int seq() {
    return seq;
  }

  public Role role() {
    return role;
  }

  public String content() {
    return content;
  }

  public String model() {
    return model;
  }

  public MessageStatus status() {
    return status;
  }

  public String finishReason() {
    return finishReason;
  }

  public Integer promptTokens() {
    return promptTokens;
  }

  public Integer completionTokens() {
    return completionTokens;
  }

  public String metadata() {
    return metadata;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** The instance generating this reply while it is in progress, else null. */
  public String instanceId() {
    return instanceId;
  }

  /**
   * Whether this message belongs in the conversation sent upstream: not a partial or failed reply.
   */
  public boolean isContext() {
    return role != Role.ASSISTANT || status == MessageStatus.COMPLETED;
  }
}
