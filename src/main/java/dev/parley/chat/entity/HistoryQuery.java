package dev.parley.chat.entity;

import java.time.Instant;

/** Validated history filters and paging; null filters are absent. */
public record HistoryQuery(
    int page, int pageSize, Instant createdFrom, Instant createdTo, String model) {

  public int offset() {
    return (page - 1) * pageSize;
  }
}
