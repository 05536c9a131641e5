package dev.parley.chat.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.platform.json.JsonBodies;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamModeFilterTest {

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
  void onlyATopLevelFalseSelectsJson(String body, boolean streaming) {
    assertEquals(
        streaming,
        StreamModeFilter.streamFlag(JsonBodies.parse(body.getBytes(StandardCharsets.UTF_8))));
  }
}
