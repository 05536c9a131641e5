package dev.parley.platform.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenApiFilterTest {

  @ParameterizedTest
  @CsvSource({
    "sessionId, session_id",
    "model, model",
    "extractedText, extracted_text",
    "session_id, session_id",
    "promptTokens, prompt_tokens"
  })
  void wireNamesAreJsonbLowerCaseWithUnderscores(String javaName, String wireName) {
    assertEquals(wireName, OpenApiFilter.wireName(javaName));
  }

  @Test
  void defaultsTakeTheSchemasType() {
    assertEquals(10L, OpenApiFilter.typed("10", SchemaType.INTEGER));
    assertEquals(new BigDecimal("0.7"), OpenApiFilter.typed("0.7", SchemaType.NUMBER));
    assertEquals(true, OpenApiFilter.typed("true", SchemaType.BOOLEAN));
    assertEquals("x", OpenApiFilter.typed("x", SchemaType.STRING));
  }
}
