package dev.parley.security.boundary;

import dev.parley.security.control.CurrentUser;
import dev.parley.security.entity.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Who the token says you are, as Parley sees it: your user and application ids, tier and groups.
 *
 * <pre>curl -H "Authorization: Bearer $TOKEN" http://localhost:7001/v1/me</pre>
 */
@Path("/v1/me")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  @Inject CurrentUser currentUser;

  @GET
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
