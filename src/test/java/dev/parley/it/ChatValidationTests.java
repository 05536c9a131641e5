package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad chat input is a 400, 413 or 422 with a clear detail, never a 500. */
abstract class ChatValidationTests extends DeployedApi {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing model | 422 | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} | model is required",
        "empty messages | 422 | {\"model\":\"gpt-4\",\"messages\":[]} | messages must be a non-empty array",
        "bad role | 422 | {\"model\":\"gpt-4\",\"messages\":[{\"role\":\"bot\",\"content\":\"x\"}]} | role must be",
        "missing content | 422 | {\"model\":\"gpt-4\",\"messages\":[{\"role\":\"user\"}]} | content",
        "temperature too high | 422 | {\"model\":\"gpt-4\",\"temperature\":2.5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} | temperature",
        "temperature negative | 422 | {\"model\":\"gpt-4\",\"temperature\":-0.1,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} | temperature",
        "max_tokens zero | 422 | {\"model\":\"gpt-4\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} | max_tokens",
        "unknown model | 400 | {\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} | unknown model 'gpt-9'",
        "content not a string | 400 | {\"model\":\"gpt-4\",\"messages\":[{\"role\":\"user\",\"content\":5}]} | wrong JSON types",
        "messages not an array | 400 | {\"model\":\"gpt-4\",\"messages\":\"hi\"} | JSON",
        "temperature not a number | 400 | {\"model\":\"gpt-4\",\"temperature\":\"hot\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} | JSON",
        "malformed JSON | 400 | {\"model\":\"gpt-4\", | malformed JSON",
        "session id not a number | 400 | {\"model\":\"gpt-4\",\"session_id\":\"abc\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} | JSON",
        "unknown session | 404 | {\"model\":\"gpt-4\",\"session_id\":987654321,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} | not found"
      })
  void rejected(String name, int status, String body, String detailPart) {
    Api.Reply reply = Api.post("/v1/chat/stream", Users.token(), body);
    assertEquals(status, reply.status(), reply::toString);
    assertTrue(reply.detail().contains(detailPart), reply::toString);
  }

  @Test
  void bodiesOverTheLimitAre413() {
    String big = "x".repeat(1_100_000);
    Api.Reply reply = Api.post("/v1/chat/stream", Users.token(), Chats.body("gpt-4", big, null));
    assertEquals(413, reply.status(), reply::toString);
    assertTrue(reply.detail().contains("too large"), reply::toString);
  }

  @Test
  void switchModelValidates() {
    String token = Users.token();
    assertEquals(422, Api.post("/v1/chat/switch-model", token, "{\"model\":\"gpt-4\"}").status());
    assertEquals(
        404,
        Api.post("/v1/chat/switch-model", token, "{\"session_id\":987654321,\"model\":\"gpt-4\"}")
            .status());
    long sessionId = Chats.streamTurn(token, "gpt-4", "hello " + Chats.needle(), null);
    Api.Reply unknown =
        Api.post(
            "/v1/chat/switch-model",
            token,
            "{\"session_id\":" + sessionId + ",\"model\":\"nope\"}");
    assertEquals(400, unknown.status(), unknown::toString);
    assertTrue(unknown.detail().contains("unknown model"));
  }
}
