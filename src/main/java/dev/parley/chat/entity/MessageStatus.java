package dev.parley.chat.entity;

import java.util.Locale;

/**
 * Where a message stands. User and system messages are stored {@link #COMPLETED}. An assistant
 * reply is {@link #IN_PROGRESS} while it streams and ends {@link #COMPLETED}, {@link #CANCELLED}
 * (the client went away), {@link #FAILED} (provider error) or {@link #INTERRUPTED} (Parley stopped
 * mid-stream; found at recovery).
 */
public enum MessageStatus {
  IN_PROGRESS,
  COMPLETED,
  CANCELLED,
  FAILED,
  INTERRUPTED;

  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }
}
