package dev.parley.provider.control;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.concurrent.CompletionStage;

/**
 * Anthropic's Messages API as a MicroProfile REST client, streamed like {@link ProviderClient}; the
 * {@code x-api-key} and {@code anthropic-version} headers come from {@link ProviderHeaders}.
 */
public interface AnthropicClient {

  @POST
  @Path("/v1/messages")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.SERVER_SENT_EVENTS, MediaType.APPLICATION_JSON})
  InputStream messages(String body);

  @POST
  @Path("/v1/messages")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.SERVER_SENT_EVENTS, MediaType.APPLICATION_JSON})
  CompletionStage<InputStream> messagesAsync(String body);
}
