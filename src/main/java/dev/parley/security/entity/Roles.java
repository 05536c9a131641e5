package dev.parley.security.entity;

/** The JWT {@code groups} Parley knows. Every valid token is a user, whatever its groups. */
public final class Roles {

  public static final String USER = "user";
  public static final String ADMIN = "admin";

  private Roles() {}
}
