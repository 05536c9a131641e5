package dev.parley.chat.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.platform.json.JsonBodies;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseModeFilterTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"stream\":false}|false",
        "{\"model\":\"m\",\"messages\":[{\"stream\":true}],\"stream\":false}|false",
        "{\"messages\":[{\"stream\":false}]}|true",
        "{\"stream\":true}|true",
        "{\"stream\":null}|true",
        "{\"stream\":\"false\"}|true",
        "{\"stream\":0}|true",
        "{}|true",
        "[{\"stream\":false}]|true",
        "false|true"
      })
  void onTheChatStreamOnlyATopLevelFalseSelectsJson(String body, boolean streaming) {
    assertEquals(streaming, ResponseModeFilter.ruleFor("/v1/chat/stream").test(parsed(body)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"stream\":true}|true",
        "{\"model\":\"m\",\"messages\":[{\"stream\":false}],\"stream\":true}|true",
        "{\"messages\":[{\"stream\":true}]}|false",
        "{\"stream\":false}|false",
        "{\"stream\":\"true\"}|false",
        "{\"stream\":1}|false",
        "{}|false",
        "[{\"stream\":true}]|false",
        "true|false"
      })
  void atTheDoorOnlyATopLevelTrueStreams(String body, boolean streaming) {
    assertEquals(streaming, ResponseModeFilter.ruleFor("v1/chat/completions/").test(parsed(body)));
  }

  @Test
  void otherPathsAreLeftAlone() {
    assertNull(ResponseModeFilter.ruleFor("/v1/chat/sessions/7/stream"));
    assertNull(ResponseModeFilter.ruleFor("/v1/chat/stream/x"));
    assertNull(ResponseModeFilter.ruleFor(""));
    assertNull(ResponseModeFilter.ruleFor("///"));
  }

  private static JsonValue parsed(String body) {
    return JsonBodies.parse(body.getBytes(StandardCharsets.UTF_8));
  }
}
