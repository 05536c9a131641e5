package dev.parley.chat.boundary;

import dev.parley.chat.control.ChatTurns;
import dev.parley.chat.control.DoorBodies;
import dev.parley.chat.control.DoorTurns;
import dev.parley.chat.entity.DoorRequest;
import dev.parley.platform.errors.BadRequest;
import dev.parley.security.boundary.Authenticated;
import dev.parley.security.control.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * The OpenAI-compatible door: OpenAI's Chat Completions API, so that OpenAI SDK code can point its
 * base URL at Parley ({@code http://localhost:7001/v1}) and send its Parley JWT as the API key.
 * Stateless unless {@code X-Parley-Session: new} (or a session id) makes the request a turn of a
 * stored chat session. The body's {@code stream} flag picks the answer ({@link
 * ResponseModeFilter}).
 *
 * <pre>
 * curl http://localhost:7001/v1/chat/completions -H "Authorization: Bearer $TOKEN" \
 *   -H "Content-Type: application/json" -d '{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]}'
 * </pre>
 */
@Path("/v1/chat/completions")
@RequestScoped
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
public class ChatCompletionsResource {

  static final String SESSION = "X-Parley-Session";

  @Inject CurrentUser currentUser;
  @Inject DoorTurns door;

  /** {@code "stream": true}: OpenAI's {@code chat.completion.chunk} events, then {@code [DONE]}. */
  @POST
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(
      JsonValue body,
      @HeaderParam(SESSION) String session,
      @Context SseEventSink sink,
      @Context Sse sse,
      @Context HttpServletResponse response) {
    DoorRequest request = DoorBodies.check(body);
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no");
    if (session == null) {
      door.relay(door.start(currentUser.caller(), request), sink, sse);
      return;
    }
    ChatTurns.Started started = door.startTurn(currentUser.caller(), request, sessionId(session));
    response.setHeader(ChatResource.SESSION_HEADER, Long.toString(started.turn().sessionId()));
    if (started.turn().contextTrimmed()) {
      response.setHeader(ChatResource.TRIMMED_HEADER, "true");
    }
    door.relayTurn(started, request, sink, sse);
  }

  /** {@code "stream": false} (OpenAI's default): one {@code chat.completion} object. */
  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public Response complete(JsonValue body, @HeaderParam(SESSION) String session) {
    DoorRequest request = DoorBodies.check(body);
    if (session == null) {
      return json(door.collect(door.start(currentUser.caller(), request)));
    }
    ChatTurns.Started started = door.startTurn(currentUser.caller(), request, sessionId(session));
    Response.ResponseBuilder ok =
        Response.ok(door.collectTurn(started), MediaType.APPLICATION_JSON)
            .header(ChatResource.SESSION_HEADER, started.turn().sessionId());
    if (started.turn().contextTrimmed()) {
      ok.header(ChatResource.TRIMMED_HEADER, "true");
    }
    return ok.build();
  }

  private static Response json(String body) {
    return Response.ok(body, MediaType.APPLICATION_JSON).build();
  }

  /** {@code new}: a new session (null); else the id of one of the caller's sessions. */
  static Long sessionId(String header) {
    String value = header.trim();
    if ("new".equalsIgnoreCase(value)) {
      return null;
    }
    try {
      long id = Long.parseLong(value);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new BadRequest(SESSION + " must be 'new' or the id of one of your chat sessions");
  }
}
