package dev.parley.ratelimit.entity;

import java.util.Locale;

/**
 * What a model call is for: chat turns count against the tier's concurrent streams, previews do
 * not.
 */
public enum CallKind {
  CHAT,
  PREVIEW;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
