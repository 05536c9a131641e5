package dev.parley.chat.entity;

import java.util.Locale;

/** Who wrote a message. JSON uses the lower-case names. */
public enum Role {
  SYSTEM,
  USER,
  ASSISTANT;

  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromJson(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
