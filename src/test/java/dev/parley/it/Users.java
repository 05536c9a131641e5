package dev.parley.it;

import dev.parley.testing.TestTokens;
import java.util.UUID;

/** Fresh, unique callers so that tests never see each other's data. */
public final class Users {

  private Users() {}

  public static String newSubject() {
    return "user-" + UUID.randomUUID();
  }

  public static String token() {
    return token(newSubject());
  }

  /** A {@code pro} user: feature tests should not trip the free tier's request rate. */
  public static String token(String subject) {
    return tokens().token().subject(subject).tier("pro").build();
  }

  public static String token(String subject, String app) {
    return tokens().token().subject(subject).tier("pro").app(app).build();
  }

  public static String freeToken(String subject) {
    return tokens().token().subject(subject).tier("free").build();
  }

  public static String adminToken() {
    return tokens().token().subject(newSubject()).tier("pro").groups("user", "admin").build();
  }

  public static TestTokens tokens() {
    return TestEnvironment.tokens();
  }
}
