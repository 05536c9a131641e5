package dev.parley.security.control;

import dev.parley.security.entity.Application;
import dev.parley.security.entity.Caller;
import dev.parley.security.entity.Tier;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The authenticated caller of this request, resolved from the MP-JWT token on first use. */
@RequestScoped
public class CurrentUser {

  public static final String TIER_CLAIM = "tier";
  public static final String APP_CLAIM = "app";

  @Inject JsonWebToken jwt;
  @Inject Identities identities;

  private Caller caller;

  public Caller caller() {
    if (caller == null) {
      String subject = subject(jwt);
      String appKey = appKey(jwt.getClaim(APP_CLAIM));
      Set<String> groups = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
      caller =
          new Caller(
              identities.userId(subject),
              identities.applicationId(appKey),
              subject,
              appKey,
              Tier.fromClaim(jwt.getClaim(TIER_CLAIM)),
              groups);
    }
    return caller;
  }

  static String subject(JsonWebToken token) {
    String subject = token.getSubject();
    return subject == null || subject.isBlank() ? token.getName() : subject;
  }

  static String appKey(Object claim) {
    if (claim == null) {
      return Application.DEFAULT_KEY;
    }
    String value = claim.toString().replace("\"", "").trim();
    return value.isEmpty() ? Application.DEFAULT_KEY : value;
  }
}
