package dev.parley.chat.boundary;

import dev.parley.chat.control.ChatSessions;
import dev.parley.chat.control.ChatTurns;
import dev.parley.chat.entity.CompletionView;
import dev.parley.chat.entity.StreamRequest;
import dev.parley.chat.entity.SwitchModelRequest;
import dev.parley.chat.entity.SwitchedSession;
import dev.parley.platform.openapi.OpenApiRefs;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
@Tag(name = OpenApiRefs.TAG_CHAT)
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
   * Returns the whole reply as JSON ({@code "stream": false}); {@link StreamModeFilter} routes
   * here.
   */
  @POST
  @Path("/stream")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "chatStream",
      summary = "Chat with a model: the reply streams as Server-Sent Events",
      description =
          "Without `session_id` a new session is opened (titled from the first user message); with"
              + " it, the messages are appended and the whole conversation goes to the request's"
              + " `model`, which becomes the session's model. The body's `stream` flag, not"
              + " `Accept`, picks the answer: Server-Sent Events by default, the whole reply as"
              + " JSON with `\"stream\": false`.")
  @APIResponse(responseCode = "200", ref = OpenApiRefs.CHAT_REPLY)
  @APIResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = OpenApiRefs.CONFLICT)
  @APIResponse(responseCode = "413", ref = OpenApiRefs.PAYLOAD_TOO_LARGE)
  @APIResponse(responseCode = "422", ref = OpenApiRefs.UNPROCESSABLE)
  @APIResponse(responseCode = "502", ref = OpenApiRefs.PROVIDER_FAILED)
  @APIResponse(responseCode = "503", ref = OpenApiRefs.OVERLOADED)
  @APIResponse(responseCode = "504", ref = OpenApiRefs.PROVIDER_TIMEOUT)
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
  @Operation(
      operationId = "switchModel",
      summary = "Switch a session's model; history is kept and later turns use the new model")
  @APIResponse(
      responseCode = "200",
      description = "The session with its messages",
      content = @Content(schema = @Schema(ref = "SwitchedSession")))
  @APIResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = OpenApiRefs.CONFLICT)
  @APIResponse(responseCode = "413", ref = OpenApiRefs.PAYLOAD_TOO_LARGE)
  @APIResponse(responseCode = "422", ref = OpenApiRefs.UNPROCESSABLE)
  public SwitchedSession switchModel(
      @Valid @NotNull(message = BODY_REQUIRED) SwitchModelRequest request) {
    String model = catalog.require(request.model()).name();
    return sessions.switchModel(currentUser.caller(), request.sessionId(), model);
  }
}
