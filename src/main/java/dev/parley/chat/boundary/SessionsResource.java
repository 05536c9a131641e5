package dev.parley.chat.boundary;

import dev.parley.chat.control.ChatSessions;
import dev.parley.platform.boundary.Deleted;
import dev.parley.platform.boundary.Params;
import dev.parley.security.boundary.Authenticated;
import dev.parley.security.control.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Deletes one of the caller's sessions with all its messages; this cannot be undone.
 *
 * <pre>curl -X DELETE http://localhost:7001/v1/chat/sessions/123 -H "Authorization: Bearer $TOKEN"
 * </pre>
 */
@Path("/v1/chat/sessions")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

  @Inject CurrentUser currentUser;
  @Inject ChatSessions sessions;

  @DELETE
  @Path("/{session_id}")
  public Deleted delete(@PathParam("session_id") String sessionId) {
    sessions.delete(currentUser.caller(), Params.id("session_id", sessionId));
    return new Deleted("Session deleted successfully");
  }
}
