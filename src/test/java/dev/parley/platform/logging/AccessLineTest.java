package dev.parley.platform.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AccessLineTest {

  @Test
  void writesOneJsonObjectWithMillisecondsToTheMicrosecond() {
    AccessLine line =
        new AccessLine("r-1", "DELETE", "/v1/chat/sessions/{session_id}", 404, 12_034, "alice");
    assertEquals(
        "{\"request_id\":\"r-1\",\"method\":\"DELETE\",\"endpoint\":\"/v1/chat/sessions/{session_id}\","
            + "\"status\":404,\"duration_ms\":12.034,\"subject\":\"alice\"}",
        line.toJson());
  }

  @Test
  void anAnonymousCallerIsNullAndQuotesAreEscaped() {
    AccessLine line = new AccessLine("r-2", "GET", "unmatched", 401, 7, null);
    assertEquals(
        "{\"request_id\":\"r-2\",\"method\":\"GET\",\"endpoint\":\"unmatched\",\"status\":401,"
            + "\"duration_ms\":0.007,\"subject\":null}",
        line.toJson());
    assertEquals(
        "{\"request_id\":\"r\",\"method\":\"GET\",\"endpoint\":\"e\",\"status\":200,"
            + "\"duration_ms\":1.000,\"subject\":\"a\\\"b\"}",
        new AccessLine("r", "GET", "e", 200, 1000, "a\"b").toJson());
  }
}
