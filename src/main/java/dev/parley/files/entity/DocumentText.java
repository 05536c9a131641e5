package dev.parley.files.entity;

import java.util.List;

/** A stored file's text as chat context needs it: name, text and where each page starts. */
public record DocumentText(long id, String filename, String text, List<Integer> pageOffsets) {

  public DocumentText {
    pageOffsets = List.copyOf(pageOffsets);
  }

  /** For JPQL constructor expressions, which pass the stored comma-separated offsets. */
  public DocumentText(Long id, String filename, String text, String pageOffsets) {
    this(id.longValue(), filename, text, PdfText.splitOffsets(pageOffsets));
  }

  /** The 1-based page holding character {@code offset}. */
  public int pageAt(int offset) {
    int page = 1;
    for (int i = 0; i < pageOffsets.size(); i++) {
      if (pageOffsets.get(i) <= offset) {
        page = i + 1;
      } else {
        break;
      }
    }
    return page;
  }
}
