package dev.parley.provider.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.provider.entity.CompletionRequest;
import dev.parley.provider.entity.ModelDescriptor;
import dev.parley.provider.entity.PromptMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiRequestsTest {

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
        OpenAiRequests.body(request, request.model().upstreamId()));
  }

  @Test
  void providerStatusesMapToGatewayErrors() {
    assertEquals(504, ProviderErrors.forStatus(504).status());
    assertEquals(502, ProviderErrors.forStatus(500).status());
    assertEquals(502, ProviderErrors.forStatus(401).status());
    assertEquals(502, ProviderErrors.forStatus(429).status());
  }

  @Test
  void aDoorRequestPassesThroughWithTheUpstreamIdStreamingAndUsage() {
    JsonObject request =
        Json.createReader(
                new StringReader(
                    "{\"model\":\"gpt-4o\",\"stream\":false,\"stream_options\":{\"x\":1},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                        + "\"image_url\":{\"url\":\"https://e/x.png\"}}]}],\"tools\":[{\"type\":\"function\","
                        + "\"function\":{\"name\":\"f\"}}],\"unknown_field\":{\"kept\":true}}"))
            .readObject();
    assertEquals(
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
            + "\"image_url\":{\"url\":\"https://e/x.png\"}}]}],\"tools\":[{\"type\":\"function\","
            + "\"function\":{\"name\":\"f\"}}],\"unknown_field\":{\"kept\":true},\"model\":\"gpt-4o-2024\","
            + "\"stream\":true,\"stream_options\":{\"x\":1,\"include_usage\":true}}",
        OpenAiRequests.passThrough(request, "gpt-4o-2024"));
  }

  @Test
  void unavailableProvidersAllowAFallbackRejectedRequestsDoNot() {
    assertTrue(ProviderErrors.allowsFallback(ProviderErrors.forStatus(500)));
    assertTrue(ProviderErrors.allowsFallback(ProviderErrors.forStatus(429)));
    assertTrue(ProviderErrors.allowsFallback(ProviderErrors.forStatus(529)));
    assertTrue(ProviderErrors.allowsFallback(ProviderErrors.forStatus(504)));
    assertFalse(ProviderErrors.allowsFallback(ProviderErrors.forStatus(400)));
    assertFalse(ProviderErrors.allowsFallback(ProviderErrors.forStatus(401)));
    assertFalse(ProviderErrors.allowsFallback(ProviderErrors.forStatus(404)));
    assertTrue(
        ProviderErrors.allowsFallback(
            Completions.translate(new RuntimeException(new java.net.ConnectException("refused")))));
  }
}
