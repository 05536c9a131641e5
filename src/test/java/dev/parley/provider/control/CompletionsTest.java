package dev.parley.provider.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.provider.entity.CompletionRequest;
import dev.parley.provider.entity.ModelDescriptor;
import dev.parley.provider.entity.PromptMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderGatewayTest {

  @Test
  void requestBodyUsesUpstreamIdAndAsksForUsage() {
    CompletionRequest request =
        new CompletionRequest(
            new ModelDescriptor("gpt-4", "gpt-4-0613", "p", false),
            List.of(new PromptMessage("user", "say \"hi\"\n")),
            0.7,
            50);
    assertEquals(
        "{\"model\":\"gpt-4-0613\",\"messages\":[{\"role\":\"user\",\"content\":\"say \\\"hi\\\"\\n\"}],"
            + "\"temperature\":0.7,\"max_tokens\":50,\"stream\":true,\"stream_options\":{\"include_usage\":true}}",
        Completions.body(request));
  }

  @Test
  void providerStatusesMapToGatewayErrors() {
    assertEquals(504, ProviderErrors.forStatus(504).status());
    assertEquals(502, ProviderErrors.forStatus(500).status());
    assertEquals(502, ProviderErrors.forStatus(401).status());
    assertEquals(502, ProviderErrors.forStatus(429).status());
  }
}
