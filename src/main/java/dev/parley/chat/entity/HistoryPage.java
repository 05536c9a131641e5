package dev.parley.chat.entity;

import java.util.List;

/** The answer of {@code GET /v1/chat/history}. */
public record HistoryPage(long total, int page, int pageSize, List<SessionView> sessions) {}
