package dev.parley.chat.control;

import static dev.parley.testing.Fuzz.terminates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.chat.entity.DoorRequest;
import dev.parley.chat.entity.MessageInput;
import dev.parley.platform.errors.BadRequest;
import dev.parley.platform.errors.ParleyException;
import dev.parley.platform.errors.Unprocessable;
import dev.parley.platform.json.JsonBodies;
import dev.parley.testing.Fuzz;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The door's request checks: 400 for wrong types, 422 for missing fields, refusals that say why.
 */
class DoorBodiesTest {

  static DoorRequest check(String json) {
    return DoorBodies.check(JsonBodies.parse(json.getBytes(StandardCharsets.UTF_8)));
  }

  static void refused(Class<? extends ParleyException> kind, String detail, String json) {
    ParleyException e = assertThrows(kind, () -> check(json));
    assertTrue(e.detail().contains(detail), e::detail);
  }

  @Test
  void readsWhatParleyNeedsAndKeepsTheRest() {
    DoorRequest request =
        check(
            "{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"temperature\":0.2,\"max_completion_tokens\":30,\"max_tokens\":99,\"seed\":7,"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
                + "\"messages\":[{\"role\":\"developer\",\"content\":\"Be brief\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://e/x.png\"}}]},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\"}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"18 C\"}]}");
    assertEquals("gpt-4o", request.model());
    assertTrue(request.stream());
    assertTrue(request.includeUsage());
    assertEquals(0.2, request.temperature());
    assertEquals(30, request.maxTokens(), "max_completion_tokens wins");
    assertEquals(7, request.raw().getInt("seed"), "unknown fields stay for the provider");
    assertEquals("Hi", request.prompt().get(1).content(), "text parts counted");
    assertTrue(request.prompt().get(2).content().contains("\"id\":\"c\""), "tool calls counted");
    assertEquals("system", request.prompt().get(4).role(), "tool definitions counted");
  }

  @Test
  void defaultsAreOpenAis() {
    DoorRequest request =
        check("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    assertFalse(request.stream(), "OpenAI's default: one JSON answer");
    assertFalse(request.includeUsage());
    assertNull(request.temperature(), "the provider's default");
    assertNull(request.maxTokens());
  }

  @Test
  void wrongTypesAre400MissingFields422() {
    String user = "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]";
    refused(BadRequest.class, "a JSON object body is required", "[1]");
    refused(Unprocessable.class, "model is required", "{" + user + "}");
    refused(BadRequest.class, "model must be a string", "{\"model\":4," + user + "}");
    refused(
        Unprocessable.class,
        "messages must be a non-empty array",
        "{\"model\":\"m\",\"messages\":[]}");
    refused(BadRequest.class, "messages must be an array", "{\"model\":\"m\",\"messages\":{}}");
    refused(
        BadRequest.class,
        "messages[0].role must be",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"function\",\"content\":\"x\"}]}");
    refused(
        Unprocessable.class,
        "messages[0].content is required",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}");
    refused(
        BadRequest.class,
        "messages[0].content must be a string or an array",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":5}]}");
    refused(
        BadRequest.class,
        "stream must be true or false",
        "{\"model\":\"m\",\"stream\":1," + user + "}");
    refused(
        Unprocessable.class,
        "temperature must be between",
        "{\"model\":\"m\",\"temperature\":3," + user + "}");
    refused(
        Unprocessable.class,
        "max_tokens must be greater than 0",
        "{\"model\":\"m\",\"max_tokens\":0," + user + "}");
    refused(
        BadRequest.class,
        "max_tokens must be a whole number",
        "{\"model\":\"m\",\"max_tokens\":1.5," + user + "}");
    refused(
        Unprocessable.class,
        "max_tokens must be greater than 0",
        "{\"model\":\"m\",\"max_tokens\":99999999999," + user + "}");
    refused(
        BadRequest.class,
        "max_tokens must be a whole number",
        "{\"model\":\"m\",\"max_tokens\":1e400," + user + "}");
    refused(BadRequest.class, "n must be 1", "{\"model\":\"m\",\"n\":2," + user + "}");
    refused(
        BadRequest.class,
        "logprobs are not relayed",
        "{\"model\":\"m\",\"logprobs\":true," + user + "}");
    refused(
        BadRequest.class, "tools must be an array", "{\"model\":\"m\",\"tools\":{}," + user + "}");
  }

  @Test
  void aSessionTurnTakesTextMessagesOnly() {
    List<MessageInput> inputs =
        DoorBodies.sessionMessages(
            check(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"developer\",\"content\":\"Be brief\"},"
                    + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}]}]}"));
    assertEquals(
        List.of(new MessageInput("system", "Be brief"), new MessageInput("user", "a\nb")), inputs);
    for (String body :
        List.of(
            "{\"model\":\"m\",\"tools\":[],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"x\"}]}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{}}]}]}")) {
      BadRequest refused =
          assertThrows(BadRequest.class, () -> DoorBodies.sessionMessages(check(body)));
      assertTrue(refused.detail().contains("X-Parley-Session"), refused::detail);
    }
  }

  /** Whatever JSON arrives, the check ends at once in a request or one 4xx, never another error. */
  @Test
  void mutationsOfAValidBodyEndInARequestOrA4xx() {
    String valid =
        "{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
            + "\"temperature\":0.2,\"max_tokens\":30,\"messages\":[{\"role\":\"user\",\"content\":"
            + "[{\"type\":\"text\",\"text\":\"Hi\"}]},{\"role\":\"assistant\",\"content\":null,"
            + "\"tool_calls\":[{\"id\":\"c\"}]}]}";
    for (byte[] mutant : Fuzz.mutations(valid, 31, 1500)) {
      terminates(
          () -> {
            try {
              JsonValue body = JsonBodies.parse(mutant);
              DoorRequest request = DoorBodies.check(body);
              try {
                DoorBodies.sessionMessages(request);
              } catch (BadRequest textOnly) {
                // a tool call in a session turn
              }
            } catch (ParleyException e) {
              assertTrue(e.status() == 400 || e.status() == 422, e::detail);
            }
            return null;
          });
    }
  }
}
