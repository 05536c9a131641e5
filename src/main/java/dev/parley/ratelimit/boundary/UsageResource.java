package dev.parley.ratelimit.boundary;

import dev.parley.platform.boundary.Params;
import dev.parley.platform.errors.BadRequest;
import dev.parley.platform.errors.Forbidden;
import dev.parley.platform.errors.NotFound;
import dev.parley.platform.openapi.OpenApiRefs;
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
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
@Tag(name = OpenApiRefs.TAG_ACCOUNT)
public class UsageResource {

  static final int MAX_DAYS = 366;

  @Inject CurrentUser currentUser;
  @Inject UsageLedger ledger;
  @Inject IdentityRegistry identities;
  @Inject Clock clock;

  @GET
  @Operation(
      operationId = "usage",
      summary = "Requests and tokens per UTC day and model, with the tier's limits")
  @APIResponse(
      responseCode = "200",
      description = "The usage report",
      content = @Content(schema = @Schema(ref = "UsageReport")))
  @APIResponse(responseCode = "400", ref = OpenApiRefs.BAD_REQUEST)
  @APIResponse(responseCode = "403", ref = OpenApiRefs.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = OpenApiRefs.NOT_FOUND)
  public UsageReport usage(
      @Parameter(
              description = "First UTC day (default: 29 days before `end_date`)",
              schema = @Schema(type = SchemaType.STRING, format = "date"))
          @QueryParam("start_date")
          String startDate,
      @Parameter(
              description = "Last UTC day, inclusive (default: today); at most 366 days in all",
              schema = @Schema(type = SchemaType.STRING, format = "date"))
          @QueryParam("end_date")
          String endDate,
      @Parameter(description = "Another user's subject (admins only)") @QueryParam("user")
          String user,
      @Parameter(description = "Only the usage through this application (its `app` key)")
          @QueryParam("app")
          String app) {
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
    // a NUL is in no stored key (PostgreSQL refuses it in a query parameter: that was a 500)
    long userId =
        other
            ? (user.indexOf('\0') >= 0 ? Optional.<Long>empty() : identities.findUser(user))
                .orElseThrow(() -> new NotFound("user not found"))
            : caller.userId();
    Long applicationId = null;
    if (app != null && !app.isBlank()) {
      applicationId =
          (app.indexOf('\0') >= 0 ? Optional.<Long>empty() : identities.findApplication(app))
              .orElseThrow(() -> new NotFound("application not found"));
    }
    return ledger.report(caller, userId, subject, applicationId, app, from, to);
  }

  private static LocalDate date(String name, String value, LocalDate fallback) {
    return value == null || value.isBlank()
        ? fallback
        : LocalDate.ofInstant(Params.instant(name, value, false), ZoneOffset.UTC);
  }
}
