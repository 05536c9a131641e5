package dev.parley.security.entity;

import java.util.Locale;

/** Subscription tier from the JWT {@code tier} claim; missing or unknown means {@link #FREE}. */
public enum Tier {
  FREE,
  PRO,
  ENTERPRISE;

  public static Tier fromClaim(Object claim) {
    if (claim == null) {
      return FREE;
    }
    String value = claim.toString().trim().replace("\"", "").toUpperCase(Locale.ROOT);
    for (Tier tier : values()) {
      if (tier.name().equals(value)) {
        return tier;
      }
    }
    return FREE;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
