package dev.parley.chat.boundary;

import dev.parley.chat.control.ChatSessions;
import dev.parley.chat.entity.HistoryPage;
import dev.parley.chat.entity.HistoryQuery;
import dev.parley.platform.boundary.Params;
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
public class HistoryResource {

  static final int MAX_PAGE_SIZE = 100;

  @Inject CurrentUser currentUser;
  @Inject ChatSessions sessions;

  @GET
  public HistoryPage history(
      @QueryParam("page") String page,
      @QueryParam("page_size") String pageSize,
      @QueryParam("start_date") String startDate,
      @QueryParam("end_date") String endDate,
      @QueryParam("model") String model) {
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
