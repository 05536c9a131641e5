package dev.parley.ratelimit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/** One model call: who, which model, how many tokens, how it ended and how long it took. */
@Entity
@Table(name = "usage_record")
@NamedQuery(
    name = UsageRecord.OPEN_CALLS,
    query =
        "SELECT COUNT(u) FROM UsageRecord u WHERE u.userId = :userId AND u.status = :status"
            + " AND u.kind = :kind AND u.startedAt > :freshSince")
@NamedQuery(
    name = UsageRecord.TOKENS_ON_DAY,
    query =
        "SELECT COALESCE(SUM(u.promptTokens + u.completionTokens), 0) FROM UsageRecord u"
            + " WHERE u.userId = :userId AND u.usageDay = :day")
@NamedQuery(
    name = UsageRecord.ABANDON_STALE,
    query =
        "UPDATE UsageRecord u SET u.status = :abandoned, u.finishedAt = :now"
            + " WHERE u.status = :inProgress AND u.startedAt < :staleBefore")
public class UsageRecord {

  public static final String OPEN_CALLS = "UsageRecord.openCalls";
  public static final String TOKENS_ON_DAY = "UsageRecord.tokensOnDay";
  public static final String ABANDON_STALE = "UsageRecord.abandonStale";

  public static final String IN_PROGRESS = "in_progress";
  public static final String INTERRUPTED = "interrupted";
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";

  @Id
  @SequenceGenerator(
      name = "usage_record_id",
      sequenceName = "usage_record_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "usage_record_id")
  @Column(name = "id")
  private Long id;

  @Column(name = "user_id", nullable = false)
  private long userId;

  @Column(name = "application_id", nullable = false)
  private long applicationId;

  @Column(name = "call_kind", nullable = false)
  private String kind;

  @Column(name = "model", nullable = false)
  private String model;

  @Column(name = "usage_day", nullable = false)
  private LocalDate usageDay;

  @Column(name = "prompt_tokens", nullable = false)
  private int promptTokens;

  @Column(name = "completion_tokens", nullable = false)
  private int completionTokens;

  @Column(name = "status", nullable = false)
  private String status;

  @Column(name = "latency_ms")
  private Long latencyMs;

  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  @Column(name = "finished_at")
  private Instant finishedAt;

  protected UsageRecord() {}

  /** A call about to start, holding its estimate until it is settled. */
  public UsageRecord(
      long userId,
      long applicationId,
      CallKind kind,
      String model,
      int promptEstimate,
      int completionEstimate,
      Instant now) {
    this.userId = userId;
    this.kind = kind.key();
    this.applicationId = applicationId;
    this.model = Objects.requireNonNull(model);
    this.usageDay = LocalDate.ofInstant(now, ZoneOffset.UTC);
    this.promptTokens = promptEstimate;
    this.completionTokens = completionEstimate;
    this.status = IN_PROGRESS;
    this.startedAt = now;
  }

  /** Replaces the estimate with the real usage. */
  public void settle(int prompt, int completion, String outcome, Instant now) {
    this.promptTokens = prompt;
    this.completionTokens = completion;
    this.status = Objects.requireNonNull(outcome);
    this.finishedAt = now;
    this.latencyMs = Duration.between(startedAt, now).toMillis();
  }

  /** The model that answered the call, when it was not the requested one (null: unchanged). */
  public void answeredBy(String answering) {
    if (answering != null) {
      this.model = answering;
    }
  }

  public String model() {
    return model;
  }

  public Long id() {
    return id;
  }
}
