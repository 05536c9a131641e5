package dev.parley.chat.boundary;

import dev.parley.chat.control.ChatSessions;
import dev.parley.chat.control.ReplyResumes;
import dev.parley.chat.entity.StopView;
import dev.parley.platform.boundary.Deleted;
import dev.parley.platform.boundary.Params;
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
  public void resume(
      @PathParam("session_id") String sessionId,
      @HeaderParam(LAST_EVENT_ID) String lastEventId,
      @QueryParam("last_event_id") String lastEventIdParam,
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
  public StopView stop(@PathParam("session_id") String sessionId) {
    return resumes.stop(currentUser.caller(), Params.id("session_id", sessionId));
  }

  @DELETE
  @Path("/{session_id}")
  public Deleted delete(@PathParam("session_id") String sessionId) {
    sessions.delete(currentUser.caller(), Params.id("session_id", sessionId));
    return new Deleted("Session deleted successfully");
  }
}
