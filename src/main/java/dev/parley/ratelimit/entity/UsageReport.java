package dev.parley.ratelimit.entity;

import java.util.List;

/**
 * {@code GET /v1/usage}: totals per UTC day and model over a date range, plus the caller's current
 * limits.
 */
public record UsageReport(
    String subject,
    String app,
    String startDate,
    String endDate,
    Totals total,
    List<Day> days,
    Limits limits) {

  /** Token totals. */
  public record Totals(long requests, long promptTokens, long completionTokens, long totalTokens) {}

  /** One UTC day and model. */
  public record Day(
      String date,
      String model,
      long requests,
      long promptTokens,
      long completionTokens,
      long totalTokens) {}

  /** The tier's limits and today's consumption ({@code tokens_per_day} -1 = unlimited). */
  public record Limits(
      String tier,
      int requestsPerWindow,
      long windowSeconds,
      long tokensPerDay,
      long tokensUsedToday,
      int concurrentStreams) {}
}
