package dev.parley.files.control;

import dev.parley.files.entity.PdfText;
import dev.parley.platform.errors.PayloadTooLarge;
import dev.parley.platform.errors.Unprocessable;
import dev.parley.platform.errors.UnsupportedMediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Reads an uploaded PDF and extracts its text with PDFBox, guarded against hostile input: at most
 * {@code maxBytes} are read, the type is decided by content (a {@code %PDF-} header that PDFBox can
 * parse, never the name or declared type), and pages, extraction time, text length and PDFBox's
 * buffer memory are capped. Plain Java; every failure is a {@code ParleyException} (413, 415 or
 * 422), never anything else.
 */
public final class PdfTextExtractor {

  /** How much a PDF may cost. */
  public record Limits(
      long maxBytes, int maxPages, int maxChars, Duration timeout, long maxBufferBytes) {

    public Limits {
      if (maxBytes <= 0 || maxPages <= 0 || maxChars <= 0 || maxBufferBytes <= 0) {
        throw new IllegalArgumentException("limits must be positive");
      }
      Objects.requireNonNull(timeout);
    }
  }

  /** The original bytes as read, and the text found in them. */
  public record Extraction(byte[] content, PdfText text) {}

  static final String NOT_PDF = "only PDF files are supported: the uploaded file is not a PDF";
  static final String CORRUPT = "the PDF could not be read: it is damaged or not a valid PDF";
  static final String ENCRYPTED = "the PDF is password-protected; upload it without a password";
  // the PDF specification allows bytes before the header; readers look in the first 1024
  private static final int HEADER_WINDOW = 1024;
  private static final byte[] MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
  private static final long IN_MEMORY_BUFFER = 4L * 1024 * 1024;

  private PdfTextExtractor() {}

  public static Extraction extract(InputStream in, Limits limits) {
    byte[] content = readBounded(in, limits.maxBytes());
    if (!hasPdfHeader(content)) {
      throw new UnsupportedMediaType(NOT_PDF);
    }
    // PDFBox buffers decoded streams in memory up to a few MB, then in temp files, bounded in total
    MemoryUsageSetting memory =
        MemoryUsageSetting.setupMixed(
            Math.min(IN_MEMORY_BUFFER, limits.maxBufferBytes()), limits.maxBufferBytes());
    try (PDDocument document = Loader.loadPDF(content, "", null, null, memory.streamCache)) {
      int pages = document.getNumberOfPages();
      if (pages == 0) {
        throw new Unprocessable(CORRUPT);
      }
      if (pages > limits.maxPages()) {
        throw new Unprocessable(
            "the PDF has "
                + pages
                + " pages; at most "
                + limits.maxPages()
                + " pages are supported");
      }
      PDDocumentInformation info = document.getDocumentInformation();
      CappedText text = new CappedText(limits.maxChars());
      GuardedStripper stripper =
          new GuardedStripper(text, System.nanoTime() + limits.timeout().toNanos());
      boolean truncated = false;
      try {
        stripper.writeText(document, text);
      } catch (CappedText.Full full) {
        truncated = true;
      } catch (GuardedStripper.TimeUp timeUp) {
        throw new Unprocessable(
            "extracting the PDF's text took longer than "
                + limits.timeout().toSeconds()
                + " s; the file is too complex");
      }
      String extracted = text.toString();
      return new Extraction(
          content,
          new PdfText(
              extracted.isBlank() ? "" : extracted,
              pages,
              stripper.pageOffsets,
              clean(info.getTitle()),
              clean(info.getAuthor()),
              truncated));
    } catch (InvalidPasswordException e) {
      throw new Unprocessable(ENCRYPTED, e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof dev.parley.platform.errors.ParleyException known) {
        throw known;
      }
      // PDFBox reports broken structure with IOExceptions and, for hostile input, runtime
      // exceptions
      throw new Unprocessable(CORRUPT, e);
    } catch (StackOverflowError | OutOfMemoryError e) {
      // deeply nested or bomb-like structures; the stream cache keeps ordinary memory use bounded
      throw new Unprocessable(CORRUPT, e);
    }
  }

  static byte[] readBounded(InputStream in, long maxBytes) {
    try {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw tooLarge(maxBytes);
      }
      if (bytes.length == 0) {
        throw new Unprocessable("the uploaded file is empty");
      }
      return bytes;
    } catch (IOException e) {
      throw new Unprocessable("the upload could not be read completely", e);
    }
  }

  public static PayloadTooLarge tooLarge(long maxBytes) {
    return new PayloadTooLarge(
        "the file is too large: at most "
            + maxBytes
            + " bytes ("
            + (maxBytes / (1024 * 1024))
            + " MB) are allowed");
  }

  static boolean hasPdfHeader(byte[] content) {
    int end = Math.min(content.length, HEADER_WINDOW) - MAGIC.length;
    outer:
    for (int i = 0; i <= end; i++) {
      for (int j = 0; j < MAGIC.length; j++) {
        if (content[i + j] != MAGIC[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static String clean(String value) {
    if (value == null) {
      return null;
    }
    String cleaned = value.replaceAll("\\p{Cntrl}", " ").strip();
    if (cleaned.isEmpty()) {
      return null;
    }
    return cleaned.length() > 500 ? cleaned.substring(0, 500) : cleaned;
  }

  /** Text stripper that records where each page starts and gives up when time is up. */
  private static final class GuardedStripper extends PDFTextStripper {

    static final class TimeUp extends RuntimeException {
      TimeUp() {
        super(null, null, false, false);
      }
    }

    final List<Integer> pageOffsets = new ArrayList<>();
    private final CappedText out;
    private final long deadline;

    GuardedStripper(CappedText out, long deadline) {
      this.out = out;
      this.deadline = deadline;
      setSortByPosition(false);
    }

    @Override
    protected void startPage(PDPage page) throws IOException {
      checkTime();
      pageOffsets.add(out.length());
      super.startPage(page);
    }

    @Override
    protected void writeString(String text, List<TextPosition> textPositions) throws IOException {
      checkTime();
      super.writeString(text, textPositions);
    }

    private void checkTime() {
      if (System.nanoTime() - deadline > 0) {
        throw new TimeUp();
      }
    }
  }

  /** A writer that keeps at most {@code max} characters and then stops the extraction. */
  private static final class CappedText extends Writer {

    static final class Full extends RuntimeException {
      Full() {
        super(null, null, false, false);
      }
    }

    private final StringBuilder text = new StringBuilder();
    private final int max;

    CappedText(int max) {
      this.max = max;
    }

    int length() {
      return text.length();
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      int room = max - text.length();
      if (length > room) {
        text.append(chars, offset, Math.max(room, 0));
        throw new Full();
      }
      text.append(chars, offset, length);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
