package dev.parley.chat.boundary;

import dev.parley.chat.control.ChatSessions;
import dev.parley.chat.control.ChatTurns;
import dev.parley.chat.entity.CompletionView;
import dev.parley.chat.entity.StreamRequest;
import dev.parley.chat.entity.SwitchModelRequest;
import dev.parley.chat.entity.SwitchedSession;
import dev.parley.provider.control.ModelCatalog;
import dev.parley.security.boundary.Authenticated;
import dev.parley.security.control.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * Chat: stream a reply, or switch a session's model.
 *
 * <pre>
 * curl -N -X POST http://localhost:7001/v1/chat/stream -H "Authorization: Bearer $TOKEN" \
 *   -H "Content-Type: application/json" -d '{"model":"gpt-4","messages":[{"role":"user","content":"Hi"}]}'
 * </pre>
 */
@Path("/v1/chat")
@RequestScoped
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
public class ChatResource {

  static final String SESSION_HEADER = "X-Session-Id";

  /**
   * Set when the conversation's oldest messages were left out to fit the model's context budget.
   */
  static final String TRIMMED_HEADER = "X-Parley-Context-Trimmed";

  static final String BODY_REQUIRED = "a JSON body is required";

  @Inject CurrentUser currentUser;
  @Inject ChatTurns replies;
  @Inject ChatSessions sessions;
  @Inject ModelCatalog catalog;

  /** Streams the reply as Server-Sent Events ({@code "stream": true}, the default). */
  @POST
  @Path("/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(
      @Valid @NotNull(message = BODY_REQUIRED) StreamRequest request,
      @Context SseEventSink sink,
      @Context Sse sse,
      @Context HttpServletResponse response) {
    ChatTurns.Started started = replies.start(currentUser.caller(), request);
    response.setHeader(SESSION_HEADER, Long.toString(started.turn().sessionId()));
    response.setHeader(SessionsResource.REPLY_HEADER, Long.toString(started.turn().replyId()));
    if (started.turn().contextTrimmed()) {
      response.setHeader(TRIMMED_HEADER, "true");
    }
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no");
    replies.relay(started, sink, sse);
  }

  /**
   * Returns the whole reply as JSON ({@code "stream": false}); {@link ResponseModeFilter} routes
   * here.
   */
  @POST
  @Path("/stream")
  @Produces(MediaType.APPLICATION_JSON)
  public Response complete(@Valid @NotNull(message = BODY_REQUIRED) StreamRequest request) {
    ChatTurns.Started started = replies.start(currentUser.caller(), request);
    CompletionView reply = replies.collect(started);
    Response.ResponseBuilder ok = Response.ok(reply).header(SESSION_HEADER, reply.sessionId());
    if (started.turn().contextTrimmed()) {
      ok.header(TRIMMED_HEADER, "true");
    }
    return ok.build();
  }

  @POST
  @Path("/switch-model")
  @Produces(MediaType.APPLICATION_JSON)
  public SwitchedSession switchModel(
      @Valid @NotNull(message = BODY_REQUIRED) SwitchModelRequest request) {
    String model = catalog.require(request.model()).name();
    return sessions.switchModel(currentUser.caller(), request.sessionId(), model);
  }
}
