package dev.parley.provider.control;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * The OpenAI-compatible Chat Completions API as a MicroProfile REST client. The streamed body comes
 * back as a raw {@link InputStream} (not buffered), read line by line by {@link CompletionStream}.
 * {@code @Path} sits on the method, not the interface, so the server never mistakes this interface
 * for a resource.
 */
public interface ProviderClient {

  @POST
  @Path("/chat/completions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.SERVER_SENT_EVENTS, MediaType.APPLICATION_JSON})
  InputStream complete(@HeaderParam("Authorization") String authorization, String body);
}
