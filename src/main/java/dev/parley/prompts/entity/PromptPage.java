package dev.parley.prompts.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The answer of {@code GET /api/chat/prompts}. */
@JsonbPropertyOrder({"items", "total", "page", "pageSize"})
public record PromptPage(List<PromptView> items, long total, int page, int pageSize) {}
