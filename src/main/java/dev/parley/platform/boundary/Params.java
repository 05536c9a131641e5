package dev.parley.platform.boundary;

import dev.parley.platform.errors.BadRequest;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Parses query and path parameters taken as strings, so that a value that does not convert is a 400
 * with a clear detail (JAX-RS would turn a failed conversion into a 404).
 */
public final class Params {

  private Params() {}

  public static long id(String name, String value) {
    try {
      long id = Long.parseLong(value);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException | NullPointerException e) {
      // reported below
    }
    throw new BadRequest(name + " must be a positive integer");
  }

  public static int intInRange(String name, String value, int defaultValue, int min, int max) {
    if (value == null || value.isEmpty()) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequest(name + " must be an integer between " + min + " and " + max);
  }

  public static boolean bool(String name, String value, boolean defaultValue) {
    if (value == null || value.isEmpty()) {
      return defaultValue;
    }
    return switch (value.trim().toLowerCase()) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new BadRequest(name + " must be true or false");
    };
  }

  /**
   * An ISO-8601 date or date-time. A date-time without zone is UTC. A plain date means the start of
   * that UTC day, or with {@code endOfDay} the last instant of it (so that an end date is
   * inclusive).
   */
  public static Instant instant(String name, String value, boolean endOfDay) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Instant instant = parseInstant(name, value.trim(), endOfDay);
    if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
      throw new BadRequest(name + " must be between the years 1 and 9999");
    }
    return instant;
  }

  /** The range of dates a parameter may name; beyond it date arithmetic overflows. */
  private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");

  private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private static Instant parseInstant(String name, String text, boolean endOfDay) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException notOffset) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeException notLocal) {
        LocalDate date;
        try {
          date = LocalDate.parse(text);
        } catch (DateTimeException notDate) {
          throw new BadRequest(
              name + " must be an ISO-8601 date or date-time, e.g. 2024-01-01T00:00:00Z");
        }
        Instant start = date.atStartOfDay().toInstant(ZoneOffset.UTC);
        return endOfDay && !start.isAfter(LAST)
            ? date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1)
            : start;
      }
    }
  }

  /**
   * A range given by {@code start_date} and {@code end_date} (either may be absent) must not run
   * backwards.
   */
  public static <T extends Comparable<? super T>> void dateRange(T from, T to) {
    if (from != null && to != null && from.compareTo(to) > 0) {
      throw new BadRequest("start_date must not be after end_date");
    }
  }
}
