package dev.parley.provider.control;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.concurrent.CompletionStage;

/**
 * The OpenAI-compatible Chat Completions API as a MicroProfile REST client. The streamed body comes
 * back as a raw {@link InputStream} (not buffered), read line by line by {@link EventStream}.
 * {@code @Path} sits on the method, not the interface, so the server never mistakes this interface
 * for a resource. The API key travels in a request filter ({@link ProviderHeaders}), not a {@code
 * HeaderParam}: the client resolves header parameters by reflection on every call. The asynchronous
 * variant serves models of a fallback chain, whose wait for the response is bounded by their
 * first-token timeout.
 */
public interface ProviderClient {

  @POST
  @Path("/chat/completions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.SERVER_SENT_EVENTS, MediaType.APPLICATION_JSON})
  InputStream complete(String body);

  @POST
  @Path("/chat/completions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.SERVER_SENT_EVENTS, MediaType.APPLICATION_JSON})
  CompletionStage<InputStream> completeAsync(String body);
}
