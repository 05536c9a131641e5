package dev.parley.files.entity;

import java.time.Instant;

/** A stored file without its bytes and text, as queries return it for listing. */
public record FileSummary(
    Long id,
    String filename,
    long fileSize,
    String mimeType,
    int pageCount,
    String title,
    String author,
    boolean hasText,
    boolean textTruncated,
    Instant createdAt) {}
