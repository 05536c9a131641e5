package dev.parley.prompts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromptQueryTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Hello     | %hello%",
        "100%      | %100!%%",
        "a_b       | %a!_b%",
        "wow!      | %wow!!%",
        "ÄÖ        | %äö%",
      })
  void searchBecomesAnEscapedLowerCaseContainsPattern(String search, String pattern) {
    assertEquals(pattern, new PromptQuery(1, 20, null, true, search).searchPattern());
  }

  @Test
  void noSearchNoPatternAndOffsetsFollowPages() {
    assertNull(new PromptQuery(1, 20, null, true, null).searchPattern());
    assertEquals(0, new PromptQuery(1, 20, null, true, null).offset());
    assertEquals(40, new PromptQuery(3, 20, null, true, null).offset());
  }
}
