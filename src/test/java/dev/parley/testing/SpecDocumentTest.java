package dev.parley.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.SpecDocument.Endpoint;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SpecDocumentTest {

  static final SpecDocument SPEC = SpecDocument.read(Path.of("docs", "chat-api.md"));

  static Map<String, Endpoint> byKey(SpecDocument spec) {
    return spec.endpoints().stream().collect(Collectors.toMap(Endpoint::key, Function.identity()));
  }

  @Test
  void findsEveryEndpointOfTheProductSpec() {
    assertEquals(
        Set.of(
            "POST /v1/chat/stream",
            "POST /v1/chat/switch-model",
            "GET /v1/chat/history",
            "DELETE /v1/chat/sessions/{}",
            "POST /api/chat/sessions/{}/upload",
            "POST /api/chat/prompts",
            "GET /api/chat/prompts",
            "POST /api/chat/prompts/preview",
            "PUT /api/chat/prompts/{}",
            "DELETE /api/chat/prompts/{}"),
        byKey(SPEC).keySet());
  }

  @Test
  void errorsOfASectionBelongToEachOfItsEndpoints() {
    Map<String, Endpoint> endpoints = byKey(SPEC);
    assertEquals(Set.of(401, 400, 500), endpoints.get("POST /v1/chat/stream").errors());
    // "404 Not Found: Chat session not found (for deletion)"
    assertEquals(Set.of(401, 400, 500), endpoints.get("GET /v1/chat/history").errors());
    assertEquals(Set.of(401, 404, 400, 500), endpoints.get("DELETE /v1/chat/sessions/{}").errors());
    assertEquals(Set.of(), endpoints.get("POST /api/chat/prompts").errors());
    assertEquals(Set.of(400, 401, 403, 404, 422), SPEC.commonErrors());
    assertEquals(Set.of("detail"), SPEC.errorExamples().get(0).keySet());
  }

  @Test
  void readsRequestAndResponseExamplesWithTypePlaceholders() {
    Map<String, Endpoint> endpoints = byKey(SPEC);
    Endpoint stream = endpoints.get("POST /v1/chat/stream");
    JsonObject request = stream.requestExamples().get(0);
    assertEquals(
        Set.of("model", "messages", "temperature", "max_tokens", "stream", "session_id"),
        request.keySet());
    assertEquals(JsonValue.NULL, request.get("temperature"));
    assertEquals(List.of(), stream.responseExamples(), "the stream's answer is SSE, not JSON");

    Endpoint switchModel = endpoints.get("POST /v1/chat/switch-model");
    assertEquals(Set.of("session_id", "model"), switchModel.requestExamples().get(0).keySet());
    assertEquals(
        Set.of("session_id", "model", "messages", "title"),
        switchModel.responseExamples().get(0).keySet());

    assertEquals(2, endpoints.get("POST /api/chat/prompts/preview").requestExamples().size());
    JsonObject uploaded =
        endpoints.get("POST /api/chat/sessions/{}/upload").responseExamples().get(0);
    assertTrue(uploaded.getJsonObject("file").containsKey("extracted_text"), uploaded::toString);
  }

  @Test
  void bulletNamesAreTheEndpointsParameters() {
    Map<String, Endpoint> endpoints = byKey(SPEC);
    assertEquals(
        Set.of("page", "page_size", "start_date", "end_date", "model"),
        endpoints.get("GET /v1/chat/history").parameters());
    assertEquals(
        Set.of("session_id", "file"),
        endpoints.get("POST /api/chat/sessions/{}/upload").parameters());
    assertEquals(Set.of("prompt_id"), endpoints.get("PUT /api/chat/prompts/{}").parameters());
  }

  @Test
  void parsesASmallDocument() {
    String markdown =
        """
        # API
        ## Things
        ```
        GET /v1/things/{thing_id}
        ```
        #### Path Parameters
        - `thing_id`: the thing
        **Response:**
        ```json
        {"id": integer, "name": "x", "parts": [{"size": float}]}
        ```
        Not an endpoint: `curl -X GET http://localhost/v1/things/1`
        ### Delete a thing
        `DELETE /v1/things/{thing_id}`
        ### Errors
        - `404 Not Found`: no such thing
        - `409 Conflict`: in use (for deletion)
        ## Errors
        - `401 Unauthorized`: no token
        Example error response:
        ```json
        {"detail": "no"}
        ```
        """;
    SpecDocument spec = SpecDocument.parse(markdown);
    assertEquals(
        List.of("GET /v1/things/{}", "DELETE /v1/things/{}"),
        spec.endpoints().stream().map(Endpoint::key).toList());
    Endpoint get = spec.endpoints().get(0);
    assertEquals(Set.of("thing_id"), get.parameters());
    assertEquals(Set.of("id", "name", "parts"), get.responseExamples().get(0).keySet());
    assertEquals(Set.of(404), get.errors());
    assertEquals(Set.of(404, 409), spec.endpoints().get(1).errors());
    assertEquals(Set.of(401), spec.commonErrors());
    assertEquals("no", spec.errorExamples().get(0).getString("detail"));
  }

  @Test
  void findsEndpointsMentionedAnywhere() {
    String readme =
        """
        | `GET /v1/models` | the catalogue |
        - `GET /v1/usage?start_date=2026-11-01&end_date=2026-11-30`: your usage
        | `DELETE /api/chat/sessions/{id}/files/{file_id}` | removes a file |
        curl -X POST http://localhost:7001/v1/chat/stream
        """;
    assertEquals(
        Set.of("GET /v1/models", "GET /v1/usage", "DELETE /api/chat/sessions/{}/files/{}"),
        SpecDocument.mentionedEndpoints(readme));
  }
}
