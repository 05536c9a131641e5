package dev.parley.platform.logging;

import dev.parley.platform.json.JsonText;

/**
 * One access log line as JSON: request id, method, endpoint (path template, so no ids and no query
 * string), status, duration and the caller's subject. Never a body, a header or a token.
 */
public record AccessLine(
    String requestId,
    String method,
    String endpoint,
    int status,
    long durationMicros,
    String subject) {

  public String toJson() {
    return "{\"request_id\":"
        + JsonText.quote(requestId)
        + ",\"method\":"
        + JsonText.quote(method)
        + ",\"endpoint\":"
        + JsonText.quote(endpoint)
        + ",\"status\":"
        + status
        + ",\"duration_ms\":"
        + durationMicros / 1000
        + "."
        + String.format("%03d", durationMicros % 1000)
        + ",\"subject\":"
        + JsonText.quote(subject)
        + "}";
  }
}
