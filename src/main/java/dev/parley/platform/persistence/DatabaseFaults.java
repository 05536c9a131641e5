package dev.parley.platform.persistence;

import dev.parley.platform.errors.DatabaseUnavailable;
import dev.parley.platform.errors.ParleyException;
import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.transaction.xa.XAException;

/**
 * Tells an outage from other database failures, by the SQLStates in the cause chain: JPA providers
 * report a dead connection with the same exception types as a lock wait that timed out or a
 * conflicting change. An outage is ours (503), contention or a concurrent change the caller's
 * (429/409).
 */
public final class DatabaseFaults {

  /**
   * The server is going away or not accepting connections (PostgreSQL admin_shutdown,
   * crash_shutdown, cannot_connect_now); class 08 is every connection exception.
   */
  private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03");

  private DatabaseFaults() {}

  /**
   * True when the database could not be reached or the connection broke: a connection SQLState, or
   * the server's connection pool failing to allocate or enlist one. Only database exceptions count:
   * a refused connection to the model provider is not a database outage.
   */
  public static boolean isOutage(Throwable failure) {
    for (Throwable t : chain(failure)) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof ResourceException
          || t instanceof XAException) {
        return true; // the server's pool could not hand out or enlist a working connection
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || SERVER_GONE.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True when the failure is waiting for (or deadlocking on) another transaction's lock: PostgreSQL
   * lock_not_available and deadlock_detected, the standard serialization failure (H2's deadlock
   * too), H2's lock timeout.
   */
  public static boolean isLockContention(Throwable failure) {
    return !isOutage(failure)
        && chain(failure).stream()
            .anyMatch(t -> t instanceof SQLException sql && CONTENTION.contains(sql.getSQLState()));
  }

  private static final Set<String> CONTENTION = Set.of("55P03", "40P01", "40001", "HYT00");

  /**
   * The error to report for a failed write: the outage as 503, anything else as {@code otherwise}
   * (e.g. a 409 for a concurrent change).
   */
  public static ParleyException outageOr(
      RuntimeException failure, Supplier<? extends ParleyException> otherwise) {
    ParleyException reported = isOutage(failure) ? new DatabaseUnavailable() : otherwise.get();
    if (reported.getCause() == null) {
      reported.initCause(failure);
    }
    return reported;
  }

  /** Causes, and the next exceptions of an SQLException chain (drivers put the reason there). */
  private static Throwable next(Throwable t) {
    if (t.getCause() != null && t.getCause() != t) {
      return t.getCause();
    }
    return t instanceof SQLException sql ? sql.getNextException() : null;
  }

  /** Every throwable of the chain, at most {@link #MAX_CHAIN} (a cyclic chain ends too). */
  private static List<Throwable> chain(Throwable failure) {
    List<Throwable> all = new ArrayList<>();
    for (Throwable t = failure; t != null && all.size() < MAX_CHAIN; t = next(t)) {
      all.add(t);
    }
    return all;
  }

  private static final int MAX_CHAIN = 32;
}
