package dev.parley.files.entity;

import dev.parley.platform.json.Timestamps;

/**
 * A stored file as the API shows it. {@code extracted_text} is present in the upload answer only;
 * lists leave it out (null) to stay small.
 */
public record FileView(
    long id,
    String filename,
    long fileSize,
    String mimeType,
    String extractedText,
    Metadata metadata,
    String createdAt) {

  /**
   * What PDFBox found: pages, document information, whether there was text and whether it was cut.
   */
  public record Metadata(
      int pageCount,
      String title,
      String author,
      boolean hasText,
      boolean textTruncated,
      String note) {}

  static final String NO_TEXT = "no extractable text was found (scanned or image-only PDF?)";
  static final String TRUNCATED = "the extracted text was cut at the length limit";

  public static FileView of(FileSummary file, String extractedText) {
    String note = !file.hasText() ? NO_TEXT : file.textTruncated() ? TRUNCATED : null;
    return new FileView(
        file.id(),
        file.filename(),
        file.fileSize(),
        file.mimeType(),
        extractedText,
        new Metadata(
            file.pageCount(),
            file.title(),
            file.author(),
            file.hasText(),
            file.textTruncated(),
            note),
        Timestamps.format(file.createdAt()));
  }

  public static FileView listed(FileSummary file) {
    return of(file, null);
  }
}
