package dev.parley.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.errors.Conflict;
import dev.parley.platform.errors.ParleyException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import jakarta.resource.spi.ResourceAllocationException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The shapes the JPA providers and Payara's pool gave in the outage and contention tests. */
class DatabaseFaultsTest {

  @Test
  void aConnectionSqlStateAnywhereInTheChainIsAnOutage() {
    SQLException closed = new SQLException("This connection has been closed.", "08003");
    assertTrue(DatabaseFaults.isOutage(new PessimisticLockException(new RuntimeException(closed))));
    SQLException next = new SQLException("batch failed", "XX000");
    next.setNextException(new SQLException("terminating connection", "57P01"));
    assertTrue(DatabaseFaults.isOutage(new PersistenceException(next)));
  }

  @Test
  void thePoolFailingToAllocateAConnectionIsAnOutage() {
    // Payara: SQLException without SQLState <- ResourceAllocationException <- ...
    SQLException allocating =
        new SQLException(
            "Error in allocating a connection.",
            null,
            new ResourceAllocationException("Connection to 127.0.0.1:5432 refused"));
    assertTrue(DatabaseFaults.isOutage(new PessimisticLockException(allocating)));
  }

  @Test
  void lockContentionIsTheCallersAndNotAnOutage() {
    for (String state : new String[] {"55P03", "40P01", "40001", "HYT00"}) {
      PessimisticLockException busy =
          new PessimisticLockException(new SQLException("could not obtain lock", state));
      assertTrue(DatabaseFaults.isLockContention(busy), state);
      assertFalse(DatabaseFaults.isOutage(busy), state);
    }
    assertFalse(
        DatabaseFaults.isLockContention(
            new PessimisticLockException(new SQLException("closed", "08006"))));
  }

  @Test
  void aRefusedProviderConnectionOrAnUnknownFailureIsNoDatabaseOutage() {
    assertFalse(DatabaseFaults.isOutage(new RuntimeException(new ConnectException("refused"))));
    assertFalse(
        DatabaseFaults.isOutage(
            new PersistenceException("constraint", new SQLException("dup", "23505"))));
  }

  @Test
  void aCyclicChainEnds() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertFalse(DatabaseFaults.isOutage(a));
  }

  @Test
  void aFailedWriteIsAConflictUnlessTheDatabaseIsGone() {
    PersistenceException concurrent = new PersistenceException("optimistic lock");
    ParleyException conflict = DatabaseFaults.outageOr(concurrent, () -> new Conflict("changed"));
    assertEquals(409, conflict.status());
    assertSame(concurrent, conflict.getCause());
    PersistenceException gone = new PersistenceException(new SQLException("refused", "08001"));
    ParleyException outage = DatabaseFaults.outageOr(gone, () -> new Conflict("changed"));
    assertEquals(503, outage.status());
    assertEquals("5", outage.headers().get("Retry-After"));
  }
}
