package dev.parley.chat.boundary;

import dev.parley.chat.control.ChatSessions;
import dev.parley.chat.entity.HistoryPage;
import dev.parley.chat.entity.HistoryQuery;
import dev.parley.platform.boundary.Params;
import dev.parley.platform.openapi.OpenApiRefs;
import dev.parley.security.boundary.Authenticated;
import dev.parley.security.control.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's chat history, newest activity first, with messages.
 *
 * <pre>
 * curl "http://localhost:7001/v1/chat/history?page=1&amp;page_size=10" -H "Authorization: Bearer $TOKEN"
 * </pre>
 */
@Path("/v1/chat/history")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiRefs.TAG_CHAT)
public class HistoryResource {

  static final int MAX_PAGE_SIZE = 100;

  @Inject CurrentUser currentUser;
  @Inject ChatSessions sessions;

  @GET
  @Operation(
      operationId = "chatHistory",
      summary = "The caller's sessions with their messages, newest activity first")
  @APIResponse(
      responseCode = "200",
      description = "One page of sessions",
      content = @Content(schema = @Schema(ref = "HistoryPage")))
  @APIResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
  public HistoryPage history(
      @Parameter(ref = OpenApiRefs.PAGE) @QueryParam("page") String page,
      @Parameter(
              description = "Sessions per page",
              schema =
                  @Schema(
                      type = SchemaType.INTEGER,
                      minimum = "1",
                      maximum = "" + MAX_PAGE_SIZE,
                      defaultValue = "10"))
          @QueryParam("page_size")
          String pageSize,
      @Parameter(
              description =
                  "Sessions created at or after: an ISO-8601 date or date-time (without zone: UTC)",
              example = "2024-01-01T00:00:00Z")
          @QueryParam("start_date")
          String startDate,
      @Parameter(
              description =
                  "Sessions created at or before: an ISO-8601 date (the whole day) or date-time",
              example = "2024-01-31")
          @QueryParam("end_date")
          String endDate,
      @Parameter(description = "Only sessions whose current model is this one") @QueryParam("model")
          String model) {
    Instant from = Params.instant("start_date", startDate, false);
    Instant to = Params.instant("end_date", endDate, true);
    Params.dateRange(from, to);
    HistoryQuery query =
        new HistoryQuery(
            Params.intInRange("page", page, 1, 1, 1_000_000),
            Params.intInRange("page_size", pageSize, 10, 1, MAX_PAGE_SIZE),
            from,
            to,
            model == null || model.isBlank() ? null : model.trim());
    return sessions.history(currentUser.caller(), query);
  }
}
