package dev.parley.chat.boundary;

import dev.parley.chat.control.ChatSessions;
import dev.parley.chat.control.ReplyResumes;
import dev.parley.chat.entity.StopView;
import dev.parley.platform.boundary.Deleted;
import dev.parley.platform.boundary.Params;
import dev.parley.platform.openapi.OpenApiRefs;
import dev.parley.security.boundary.Authenticated;
import dev.parley.security.control.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One of the caller's sessions: resume its reply's stream, stop its running reply, or delete it
 * with all its messages (this cannot be undone).
 *
 * <pre>
 * curl -N http://localhost:7001/v1/chat/sessions/123/stream -H "Authorization: Bearer $TOKEN" \
 *   -H "Last-Event-ID: 456.120"
 * curl -X POST http://localhost:7001/v1/chat/sessions/123/stop -H "Authorization: Bearer $TOKEN"
 * curl -X DELETE http://localhost:7001/v1/chat/sessions/123 -H "Authorization: Bearer $TOKEN"
 * </pre>
 */
@Path("/v1/chat/sessions")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiRefs.TAG_CHAT)
public class SessionsResource {

  @Inject CurrentUser currentUser;
  @Inject ChatSessions sessions;
  @Inject ReplyResumes resumes;

  static final String LAST_EVENT_ID = "Last-Event-ID";

  /**
   * Resumes the session's reply: what the client missed, then live to {@code [DONE]}. The reply and
   * offset come from the {@code Last-Event-ID} header (what an EventSource sends when it
   * reconnects), else the {@code last_event_id} query parameter; with neither, the session's latest
   * reply from its start.
   */
  @GET
  @Path("/{session_id}/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      operationId = "resumeReply",
      summary = "Resume a reply's stream where the client lost it, on any instance",
      description =
          "Sends the text of the reply named by `Last-Event-ID` (header, or the `last_event_id`"
              + " query parameter) after that event, as token events with the same ids as"
              + " `POST /v1/chat/stream`, then follows the reply live to `data: [DONE]`. Without an"
              + " id: the session's latest reply from its start. A finished reply: the rest and"
              + " `[DONE]` at once; a failed or interrupted one: the stored text, an `error` event"
              + " and `[DONE]`. A stream that ends without `[DONE]` (this instance shut down) is"
              + " resumed again, on any instance.")
  @APIResponse(
      responseCode = "200",
      description =
          "Server-Sent Events: `id: <reply>.<offset>` and `data:` per token event, SSE comments"
              + " while the provider is silent, an `error` event if the reply failed or was"
              + " interrupted, then `data: [DONE]`",
      content =
          @Content(
              mediaType = MediaType.SERVER_SENT_EVENTS,
              schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
  @APIResponse(responseCode = "503", ref = OpenApiRefs.OVERLOADED)
  public void resume(
      @Parameter(ref = OpenApiRefs.SESSION_ID) @PathParam("session_id") String sessionId,
      @Parameter(
              description =
                  "The id of the last event the client received, `<reply>.<offset>` (what an"
                      + " EventSource sends on reconnect)",
              example = "456.120")
          @HeaderParam(LAST_EVENT_ID)
          String lastEventId,
      @Parameter(
              description = "The same as `Last-Event-ID`, for clients that cannot set headers",
              example = "456.120")
          @QueryParam("last_event_id")
          String lastEventIdParam,
      @Context SseEventSink sink,
      @Context Sse sse,
      @Context HttpServletResponse response) {
    String from = lastEventId == null || lastEventId.isBlank() ? lastEventIdParam : lastEventId;
    ReplyResumes.Resumable resumable =
        resumes.resumable(currentUser.caller(), Params.id("session_id", sessionId), from);
    response.setHeader(ChatResource.SESSION_HEADER, Long.toString(resumable.reply().sessionId()));
    response.setHeader(REPLY_HEADER, Long.toString(resumable.reply().replyId()));
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no");
    resumes.follow(resumable, sink, sse);
  }

  static final String REPLY_HEADER = "X-Reply-Id";

  /** Stops the session's running reply, on whichever instance generates it. */
  @POST
  @Path("/{session_id}/stop")
  @Operation(
      operationId = "stopReply",
      summary = "Stop the session's running reply, from any instance",
      description =
          "Closes the provider call of the session's running reply, stores its text so far as"
              + " `cancelled` and ends its streams with `[DONE]`; answers once it is stored."
              + " Idempotent: with no reply running, 200 with `stopped: false` and the latest"
              + " reply's status.")
  @APIResponse(
      responseCode = "200",
      description = "Whether this request stopped a reply, and the reply's status now",
      content = @Content(schema = @Schema(ref = "StoppedReply")))
  @APIResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
  @APIResponse(responseCode = "503", ref = OpenApiRefs.OVERLOADED)
  public StopView stop(
      @Parameter(ref = OpenApiRefs.SESSION_ID) @PathParam("session_id") String sessionId) {
    return resumes.stop(currentUser.caller(), Params.id("session_id", sessionId));
  }

  @DELETE
  @Path("/{session_id}")
  @Operation(
      operationId = "deleteSession",
      summary = "Delete a session with its messages and files; this cannot be undone")
  @APIResponse(responseCode = "200", ref = OpenApiRefs.DELETED)
  @APIResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
  public Deleted delete(
      @Parameter(ref = OpenApiRefs.SESSION_ID) @PathParam("session_id") String sessionId) {
    sessions.delete(currentUser.caller(), Params.id("session_id", sessionId));
    return new Deleted("Session deleted successfully");
  }
}
