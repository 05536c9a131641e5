package dev.parley.files.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A PDF uploaded into a chat session: the original bytes, the extracted text and what PDFBox found
 * out about it. Immutable once stored. Queries select only the columns they need, so listing never
 * loads bytes or text.
 */
@Entity
@Table(name = "chat_file")
@NamedQuery(
    name = StoredFile.SUMMARIES_OF_SESSION,
    query =
        "SELECT NEW dev.parley.files.entity.FileSummary(f.id, f.filename, f.fileSize, f.mimeType, f.pageCount,"
            + " f.title, f.author, f.hasText, f.textTruncated, f.createdAt)"
            + " FROM StoredFile f WHERE f.sessionId = :sessionId ORDER BY f.id")
@NamedQuery(
    name = StoredFile.TEXTS_OF_SESSION,
    query =
        "SELECT NEW dev.parley.files.entity.DocumentText(f.id, f.filename, f.extractedText, f.pageOffsets)"
            + " FROM StoredFile f WHERE f.sessionId = :sessionId AND f.hasText = TRUE ORDER BY f.id")
@NamedQuery(
    name = StoredFile.TEXT_CHARS_OF_SESSION,
    query =
        "SELECT COALESCE(SUM(LENGTH(f.extractedText)), 0) FROM StoredFile f"
            + " WHERE f.sessionId = :sessionId")
@NamedQuery(
    name = StoredFile.DELETE_ONE,
    query = "DELETE FROM StoredFile f WHERE f.id = :id AND f.sessionId = :sessionId")
public class StoredFile {

  public static final String SUMMARIES_OF_SESSION = "StoredFile.summariesOfSession";
  public static final String TEXTS_OF_SESSION = "StoredFile.textsOfSession";
  public static final String TEXT_CHARS_OF_SESSION = "StoredFile.textCharsOfSession";
  public static final String DELETE_ONE = "StoredFile.deleteOne";
  public static final String PDF = "application/pdf";

  @Id
  @SequenceGenerator(name = "chat_file_id", sequenceName = "chat_file_seq", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "chat_file_id")
  @Column(name = "id")
  private Long id;

  @Column(name = "session_id", nullable = false)
  private long sessionId;

  @Column(name = "filename", nullable = false)
  private String filename;

  @Column(name = "mime_type", nullable = false)
  private String mimeType;

  @Column(name = "file_size", nullable = false)
  private long fileSize;

  @Column(name = "page_count", nullable = false)
  private int pageCount;

  @Column(name = "title")
  private String title;

  @Column(name = "author")
  private String author;

  @Column(name = "has_text", nullable = false)
  private boolean hasText;

  @Column(name = "text_truncated", nullable = false)
  private boolean textTruncated;

  @Column(name = "page_offsets", nullable = false)
  private String pageOffsets;

  @Column(name = "extracted_text", nullable = false)
  private String extractedText;

  // plain byte[] (no @Lob): BYTEA on PostgreSQL, BINARY VARYING on H2, the same JDBC
  // setBytes/getBytes for
  // EclipseLink and Hibernate; no query of this class ever selects it besides em.find
  @Column(name = "content", nullable = false)
  private byte[] content;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected StoredFile() {}

  public StoredFile(long sessionId, String filename, byte[] content, PdfText text, Instant now) {
    this.sessionId = sessionId;
    this.filename = Objects.requireNonNull(filename);
    this.content = Objects.requireNonNull(content);
    this.fileSize = content.length;
    this.mimeType = PDF;
    this.pageCount = text.pageCount();
    this.title = text.title();
    this.author = text.author();
    this.hasText = text.hasText();
    this.textTruncated = text.truncated();
    this.extractedText = text.text();
    this.pageOffsets = PdfText.joinOffsets(text.pageOffsets());
    this.createdAt = Objects.requireNonNull(now);
  }

  public Long id() {
    return id;
  }

  public long sessionId() {
    return sessionId;
  }

  public String filename() {
    return filename;
  }

  public long fileSize() {
    return fileSize;
  }

  public String extractedText() {
    return extractedText;
  }

  public byte[] content() {
    return content;
  }

  public FileSummary summary() {
    return new FileSummary(
        id,
        filename,
        fileSize,
        mimeType,
        pageCount,
        title,
        author,
        hasText,
        textTruncated,
        createdAt);
  }
}
