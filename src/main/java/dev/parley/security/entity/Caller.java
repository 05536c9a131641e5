package dev.parley.security.entity;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling: the resolved user and application ids every data access is scoped by, plus what
 * the token says about tier and groups.
 */
public record Caller(
    long userId, long applicationId, String subject, String appKey, Tier tier, Set<String> groups) {

  public Caller {
    Objects.requireNonNull(subject);
    Objects.requireNonNull(appKey);
    Objects.requireNonNull(tier);
    groups = Set.copyOf(groups);
  }

  public boolean isAdmin() {
    return groups.contains(Roles.ADMIN);
  }
}
