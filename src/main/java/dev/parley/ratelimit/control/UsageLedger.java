package dev.parley.ratelimit.control;

import dev.parley.platform.errors.TooManyRequests;
import dev.parley.platform.metrics.ParleyMetrics;
import dev.parley.platform.metrics.Refusal;
import dev.parley.platform.persistence.DatabaseFaults;
import dev.parley.provider.entity.Usage;
import dev.parley.ratelimit.entity.CallKind;
import dev.parley.ratelimit.entity.TierLimits;
import dev.parley.ratelimit.entity.UsageRecord;
import dev.parley.ratelimit.entity.UsageReport;
import dev.parley.security.entity.AppUser;
import dev.parley.security.entity.Caller;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Usage accounting and the limits enforced from it. {@link #open} runs inside the caller's
 * transaction before the provider is called: it locks the user's row (so concurrent requests of one
 * user, on any instance, are checked one after the other), refuses beyond the tier's concurrent
 * calls or daily tokens (prompt tokens plus the completion estimate), and records the call. {@link
 * #settle} replaces the estimate with the real usage.
 */
@Stateless
public class UsageLedger {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject TierPolicy policy;
  @Inject ParleyMetrics metrics;

  @Inject
  @ConfigProperty(name = "parley.provider.idle-timeout-ms")
  long idleTimeoutMs;

  @Resource SessionContext context;

  /** Admits and records a call in one go, when its prompt is known up front. */
  public long open(
      Caller caller, CallKind kind, String model, int promptTokens, int completionEstimate) {
    Admission admission = lock(caller, kind);
    admission.admit(promptTokens, completionEstimate);
    long id = admission.record(model);
    em.flush();
    return id;
  }

  /**
   * Starts a call's way through the ledger inside the caller's transaction, for callers that learn
   * the prompt only after locking (a chat turn loads its conversation first). The returned {@link
   * Admission} enforces the one safe order: lock (now), admit, then record.
   */
  public Admission lock(Caller caller, CallKind kind) {
    lockUser(caller);
    return new Admission(context.getBusinessObject(UsageLedger.class), caller, kind);
  }

  /** A call that holds its user's lock: {@link #admit} before anything is written, then record. */
  public static final class Admission {

    private final UsageLedger ledger;
    private final Caller caller;
    private final CallKind kind;
    private int promptTokens = -1;
    private int completionEstimate;

    Admission(UsageLedger ledger, Caller caller, CallKind kind) {
      this.ledger = ledger;
      this.caller = caller;
      this.kind = kind;
    }

    /** Refuses (429) beyond the tier's limits; only reads, so nothing needs flushing first. */
    public void admit(int promptTokens, int completionEstimate) {
      ledger.admit(caller, kind, promptTokens, completionEstimate);
      this.promptTokens = promptTokens;
      this.completionEstimate = completionEstimate;
    }

    /** Records the admitted call as open; its id settles it later. */
    public long record(String model) {
      if (promptTokens < 0) {
        throw new IllegalStateException("a call is admitted before it is recorded");
      }
      return ledger.record(caller, kind, model, promptTokens, completionEstimate);
    }
  }

  /**
   * Refuses a call beyond the tier's concurrent calls or daily tokens (prompt tokens plus the
   * completion estimate). Only reads: the user's row is locked ({@link #lock}), and the check comes
   * before anything is written, so the queries here have nothing to flush first. Called through
   * {@link Admission}, which keeps the order.
   */
  public void admit(Caller caller, CallKind kind, int promptTokens, int completionEstimate) {
    Instant now = clock.instant();
    TierLimits limits = policy.of(caller.tier());
    if (kind == CallKind.CHAT && openChats(caller.userId(), now) >= limits.concurrentStreams()) {
      metrics.refused(Refusal.CONCURRENT_STREAMS);
      throw new TooManyRequests(
          "concurrent stream limit of your "
              + caller.tier().key()
              + " tier reached: "
              + limits.concurrentStreams()
              + " open; wait for one to finish",
          Duration.ofSeconds(2));
    }
    if (!limits.unlimitedTokens()) {
      long used = tokensOn(caller.userId(), LocalDate.ofInstant(now, ZoneOffset.UTC));
      long wanted = (long) promptTokens + completionEstimate;
      if (used + wanted > limits.tokensPerDay()) {
        metrics.refused(Refusal.TOKENS);
        throw new TooManyRequests(
            "daily token limit of your "
                + caller.tier().key()
                + " tier reached: "
                + used
                + " of "
                + limits.tokensPerDay()
                + " tokens used today (UTC), this request needs about "
                + wanted,
            untilNextUtcDay(now));
      }
    }
  }

  /**
   * Records an admitted call as open; its row is written with the caller's transaction. Called
   * through {@link Admission}.
   */
  public long record(
      Caller caller, CallKind kind, String model, int promptTokens, int completionEstimate) {
    UsageRecord record =
        new UsageRecord(
            caller.userId(),
            caller.applicationId(),
            kind,
            model,
            promptTokens,
            completionEstimate,
            clock.instant());
    em.persist(record);
    return record.id();
  }

  /**
   * Replaces a call's estimate with its usage, under {@code model}: the model that answered (a
   * fallback of the requested one, or the requested one), which is also what the per-model token
   * metrics count.
   */
  public void settle(long recordId, Usage usage, String outcome, String model) {
    UsageRecord record = em.find(UsageRecord.class, recordId);
    if (record != null) {
      record.settle(usage.promptTokens(), usage.completionTokens(), outcome, clock.instant());
      record.answeredBy(model);
      metrics.modelTokens(record.model(), usage.promptTokens(), usage.completionTokens());
    }
  }

  /**
   * Calls left open by an instance that stopped: no longer counted as open, their estimate stays.
   */
  public int abandonStale() {
    Instant now = clock.instant();
    return em.createNamedQuery(UsageRecord.ABANDON_STALE)
        .setParameter("abandoned", UsageRecord.INTERRUPTED)
        .setParameter("now", now)
        .setParameter("inProgress", UsageRecord.IN_PROGRESS)
        .setParameter("staleBefore", now.minus(staleAfter()))
        .executeUpdate();
  }

  /** Usage of {@code userId}; the tier's limits are included only when that is the caller. */
  public UsageReport report(
      Caller caller,
      long userId,
      String subject,
      Long applicationId,
      String app,
      LocalDate from,
      LocalDate to) {
    String where =
        " WHERE u.userId = :userId AND u.usageDay >= :from AND u.usageDay <= :to"
            + (applicationId == null ? "" : " AND u.applicationId = :applicationId");
    TypedQuery<Object[]> query =
        em.createQuery(
                "SELECT u.usageDay, u.model, COUNT(u), SUM(u.promptTokens), SUM(u.completionTokens)"
                    + " FROM UsageRecord u"
                    + where
                    + " GROUP BY u.usageDay, u.model ORDER BY u.usageDay, u.model",
                Object[].class)
            .setParameter("userId", userId)
            .setParameter("from", from)
            .setParameter("to", to);
    if (applicationId != null) {
      query.setParameter("applicationId", applicationId);
    }
    List<UsageReport.Day> days = new ArrayList<>();
    long requests = 0;
    long prompt = 0;
    long completion = 0;
    for (Object[] row : query.getResultList()) {
      long count = ((Number) row[2]).longValue();
      long p = ((Number) row[3]).longValue();
      long c = ((Number) row[4]).longValue();
      days.add(new UsageReport.Day(row[0].toString(), (String) row[1], count, p, c, p + c));
      requests += count;
      prompt += p;
      completion += c;
    }
    return new UsageReport(
        subject,
        app,
        from.toString(),
        to.toString(),
        new UsageReport.Totals(requests, prompt, completion, prompt + completion),
        days,
        userId == caller.userId() ? limitsOf(caller) : null);
  }

  private UsageReport.Limits limitsOf(Caller caller) {
    TierLimits limits = policy.of(caller.tier());
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return new UsageReport.Limits(
        caller.tier().key(),
        limits.requestsPerWindow(),
        policy.window().toSeconds(),
        limits.tokensPerDay(),
        tokensOn(caller.userId(), today),
        limits.concurrentStreams());
  }

  /**
   * Serializes one user's admissions across instances; waiting too long for the lock is the user's
   * own concurrency: 429. A lock query that failed for any other reason (the database is down) is
   * not: {@link DatabaseFaults} tells them apart. A transaction that also inserts rows referencing
   * the user must call this first: on PostgreSQL those inserts take a key-share lock on the user's
   * row, and two transactions each holding one while waiting for the update lock would deadlock.
   */
  void lockUser(Caller caller) {
    try {
      em.find(AppUser.class, caller.userId(), LockModeType.PESSIMISTIC_WRITE);
    } catch (PessimisticLockException | LockTimeoutException failed) {
      if (DatabaseFaults.isLockContention(failed)) {
        throw busy();
      }
      throw failed; // not the caller's doing: an outage or a lock failure the mappers answer 503
    }
  }

  private TooManyRequests busy() {
    metrics.refused(Refusal.BUSY);
    return new TooManyRequests(
        "too many simultaneous requests for this user; retry shortly", Duration.ofSeconds(1));
  }

  private long openChats(long userId, Instant now) {
    return em.createNamedQuery(UsageRecord.OPEN_CALLS, Long.class)
        .setParameter("userId", userId)
        .setParameter("status", UsageRecord.IN_PROGRESS)
        .setParameter("kind", CallKind.CHAT.key())
        .setParameter("freshSince", now.minus(staleAfter()))
        .getSingleResult();
  }

  private long tokensOn(long userId, LocalDate day) {
    return ((Number)
            em.createNamedQuery(UsageRecord.TOKENS_ON_DAY)
                .setParameter("userId", userId)
                .setParameter("day", day)
                .getSingleResult())
        .longValue();
  }

  /**
   * An open call not settled for this long belongs to an instance that stopped (generous: a long
   * reply can stream for minutes).
   */
  private Duration staleAfter() {
    Duration floor = Duration.ofMinutes(5);
    Duration idle = Duration.ofMillis(idleTimeoutMs).multipliedBy(2);
    return idle.compareTo(floor) > 0 ? idle : floor;
  }

  static Duration untilNextUtcDay(Instant now) {
    Instant midnight =
        LocalDate.ofInstant(now, ZoneOffset.UTC)
            .plusDays(1)
            .atStartOfDay()
            .toInstant(ZoneOffset.UTC);
    return Duration.between(now, midnight);
  }
}
