package dev.parley.ratelimit.boundary;

import dev.parley.platform.boundary.Params;
import dev.parley.platform.errors.BadRequest;
import dev.parley.platform.errors.Forbidden;
import dev.parley.platform.errors.NotFound;
import dev.parley.ratelimit.control.UsageLedger;
import dev.parley.ratelimit.entity.UsageReport;
import dev.parley.security.boundary.Authenticated;
import dev.parley.security.control.CurrentUser;
import dev.parley.security.control.IdentityRegistry;
import dev.parley.security.entity.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Token usage per UTC day and model over a date range (default: the last 30 days), with the tier's
 * limits. Admins may ask for any user ({@code user}: the JWT subject) and any application ({@code
 * app}).
 *
 * <pre>
 * curl "http://localhost:7001/v1/usage?start_date=2024-01-01" -H "Authorization: Bearer $TOKEN"
 * </pre>
 */
@Path("/v1/usage")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

  static final int MAX_DAYS = 366;

  @Inject CurrentUser currentUser;
  @Inject UsageLedger ledger;
  @Inject IdentityRegistry identities;
  @Inject Clock clock;

  @GET
  public UsageReport usage(
      @QueryParam("start_date") String startDate,
      @QueryParam("end_date") String endDate,
      @QueryParam("user") String user,
      @QueryParam("app") String app) {
    Caller caller = currentUser.caller();
    LocalDate to = date("end_date", endDate, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    LocalDate from = date("start_date", startDate, to.minusDays(29));
    Params.dateRange(from, to);
    if (from.plusDays(MAX_DAYS).isBefore(to)) {
      throw new BadRequest("at most " + MAX_DAYS + " days per request");
    }
    boolean other = user != null && !user.isBlank() && !user.equals(caller.subject());
    if (other && !caller.isAdmin()) {
      throw new Forbidden("only admins may read another user's usage");
    }
    String subject = other ? user : caller.subject();
    long userId =
        other
            ? identities.findUser(user).orElseThrow(() -> new NotFound("user not found"))
            : caller.userId();
    Long applicationId = null;
    if (app != null && !app.isBlank()) {
      applicationId =
          identities.findApplication(app).orElseThrow(() -> new NotFound("application not found"));
    }
    return ledger.report(caller, userId, subject, applicationId, app, from, to);
  }

  private static LocalDate date(String name, String value, LocalDate fallback) {
    return value == null || value.isBlank()
        ? fallback
        : LocalDate.ofInstant(Params.instant(name, value, false), ZoneOffset.UTC);
  }
}
