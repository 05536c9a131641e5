package dev.parley.security.boundary;

import dev.parley.platform.openapi.OpenApiRefs;
import dev.parley.security.control.CurrentUser;
import dev.parley.security.entity.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who the token says you are, as Parley sees it: your user and application ids, tier and groups.
 *
 * <pre>curl -H "Authorization: Bearer $TOKEN" http://localhost:7001/v1/me</pre>
 */
@Path("/v1/me")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiRefs.TAG_ACCOUNT)
public class MeResource {

  @Inject CurrentUser currentUser;

  @GET
  @Operation(
      operationId = "me",
      summary = "Who the token says you are: user and application ids, tier, groups")
  @APIResponse(
      responseCode = "200",
      description = "The caller",
      content = @Content(schema = @Schema(ref = "Me")))
  public Me me() {
    return Me.of(currentUser.caller());
  }

  /** The caller as JSON. */
  public record Me(
      long userId,
      long applicationId,
      String subject,
      String app,
      String tier,
      List<String> groups) {

    static Me of(Caller caller) {
      return new Me(
          caller.userId(),
          caller.applicationId(),
          caller.subject(),
          caller.appKey(),
          caller.tier().key(),
          caller.groups().stream().sorted().toList());
    }
  }
}
