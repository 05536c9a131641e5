package dev.parley.files.entity;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What {@code PdfTextExtractor} found in a PDF: its text (pages in order, each starting at its
 * offset in {@code pageOffsets}), page count and document information.
 */
public record PdfText(
    String text,
    int pageCount,
    List<Integer> pageOffsets,
    String title,
    String author,
    boolean truncated) {

  public PdfText {
    Objects.requireNonNull(text);
    pageOffsets = List.copyOf(pageOffsets);
  }

  /** False for scanned or image-only PDFs: nothing but whitespace came out. */
  public boolean hasText() {
    return !text.isBlank();
  }

  public static String joinOffsets(List<Integer> offsets) {
    return String.join(",", offsets.stream().map(String::valueOf).toList());
  }

  public static List<Integer> splitOffsets(String joined) {
    if (joined == null || joined.isBlank()) {
      return List.of();
    }
    return Arrays.stream(joined.split(",")).map(String::trim).map(Integer::valueOf).toList();
  }
}
