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

  public static String token(String subject) {
    return tokens().token().subject(subject).build();
  }

  public static String token(String subject, String app) {
    return tokens().token().subject(subject).app(app).build();
  }

  public static String adminToken() {
    return tokens().token().subject(newSubject()).groups("user", "admin").build();
  }

  public static TestTokens tokens() {
    return TestEnvironment.tokens();
  }
}
