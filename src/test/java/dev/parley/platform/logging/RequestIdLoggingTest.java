package dev.parley.platform.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestIdLoggingTest {

  final RequestIdLogging.Prefixer prefixer = new RequestIdLogging.Prefixer();

  @AfterEach
  void leave() {
    RequestContext.leave();
  }

  static LogRecord record(String logger, String message) {
    LogRecord record = new LogRecord(Level.WARNING, message);
    record.setLoggerName(logger);
    return record;
  }

  @Test
  void prefixesParleyRecordsOnARequestThread() {
    RequestContext.enter(new RequestContext("r-7", 0));
    LogRecord record = record("dev.parley.chat.control.ChatTurns", "could not store {0}");
    prefixer.publish(record);
    assertEquals("[request_id=r-7] could not store {0}", record.getMessage());
  }

  @Test
  void leavesRecordsOutsideARequestAndAccessLinesAlone() {
    LogRecord outside = record("dev.parley.chat.control.ReplyHousekeeping", "swept");
    prefixer.publish(outside);
    assertEquals("swept", outside.getMessage());

    RequestContext.enter(new RequestContext("r-8", 0));
    LogRecord access = record(AccessLogFilter.ACCESS_LOGGER, "{\"request_id\":\"r-8\"}");
    prefixer.publish(access);
    assertEquals("{\"request_id\":\"r-8\"}", access.getMessage());
  }
}
