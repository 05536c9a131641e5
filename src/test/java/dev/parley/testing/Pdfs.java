package dev.parley.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Builds test PDFs (and things that only look like them) with PDFBox. */
public final class Pdfs {

  private Pdfs() {}

  /**
   * One page per entry, each page's text in lines of WinAnsi text (Latin-1 accents work), with a
   * title.
   */
  public static byte[] pages(String title, List<String> pages) {
    try (PDDocument doc = new PDDocument()) {
      PDDocumentInformation info = new PDDocumentInformation();
      info.setTitle(title);
      info.setAuthor("Parley Tests");
      doc.setDocumentInformation(info);
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (String text : pages) {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
          content.beginText();
          content.setFont(font, 10);
          content.setLeading(12);
          content.newLineAtOffset(40, 800);
          for (String line : wrap(text, 95)) {
            content.showText(line);
            content.newLine();
          }
          content.endText();
        }
      }
      return save(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One page in an embedded TrueType font (beyond WinAnsi: Greek, Cyrillic...). */
  public static byte[] withFont(java.io.File ttf, String text) {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      org.apache.pdfbox.pdmodel.font.PDType0Font font =
          org.apache.pdfbox.pdmodel.font.PDType0Font.load(doc, ttf);
      try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
        content.beginText();
        content.setFont(font, 12);
        content.newLineAtOffset(40, 800);
        content.showText(text);
        content.endText();
      }
      return save(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] text(String text) {
    return pages("Test document", List.of(text));
  }

  /** A PDF that needs the user password {@code secret} to open. */
  public static byte[] encrypted(String text) {
    try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(text(text))) {
      StandardProtectionPolicy policy =
          new StandardProtectionPolicy("owner-secret", "secret", new AccessPermission());
      policy.setEncryptionKeyLength(128);
      doc.protect(policy);
      return save(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A page with nothing but an image, like a scan. */
  public static byte[] imageOnly() {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      PDImageXObject image = LosslessFactory.createFromImage(doc, picture(200, 100));
      try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
        content.drawImage(image, 50, 500, 400, 200);
      }
      return save(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PDF header followed by garbage. */
  public static byte[] corrupt() {
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);
    byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[header.length + garbage.length];
    System.arraycopy(header, 0, bytes, 0, header.length);
    System.arraycopy(garbage, 0, bytes, header.length, garbage.length);
    return bytes;
  }

  public static byte[] png() {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(picture(20, 20), "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A valid one-page PDF padded (after its end, which readers allow) to {@code size} bytes. */
  public static byte[] padded(int size) {
    byte[] pdf = text("padded");
    byte[] bytes = new byte[size];
    System.arraycopy(pdf, 0, bytes, 0, pdf.length);
    java.util.Arrays.fill(bytes, pdf.length, size, (byte) ' ');
    return bytes;
  }

  private static BufferedImage picture(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        image.setRGB(x, y, (x * 7 + y * 13) % 255 << 8);
      }
    }
    return image;
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new java.util.ArrayList<>();
    for (String paragraph : text.split("\n")) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.split(" ")) {
        if (line.length() + word.length() + 1 > width && line.length() > 0) {
          lines.add(line.toString());
          line.setLength(0);
        }
        if (line.length() > 0) {
          line.append(' ');
        }
        line.append(word);
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private static byte[] save(PDDocument doc) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    doc.save(out);
    return out.toByteArray();
  }

  /**
   * A hand-written PDF (no xref: readers rebuild it) whose catalog holds {@code depth} nested
   * arrays: the nesting bomb.
   */
  public static byte[] nestedArrays(int depth) {
    return raw(
        "1 0 obj << /Type /Catalog /Pages 2 0 R /Bomb "
            + "[".repeat(depth)
            + "]".repeat(depth)
            + " >> endobj\n"
            + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >> endobj\n");
  }

  /** A page tree claiming {@code count} pages whose node lists itself as a kid: a cycle. */
  public static byte[] cyclicPageTree(int count) {
    return raw(
        "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            + "2 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count "
            + count
            + " >> endobj\n"
            + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >> endobj\n");
  }

  /** A page tree with {@code kids} references to one page object: huge, cheap to send. */
  public static byte[] hugePageTree(int kids) {
    return raw(
        "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            + "2 0 obj << /Type /Pages /Kids ["
            + "3 0 R ".repeat(kids)
            + "] /Count "
            + kids
            + " >> endobj\n"
            + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >> endobj\n");
  }

  private static byte[] raw(String objects) {
    return ("%PDF-1.7\n" + objects + "trailer << /Root 1 0 R >>\n%%EOF\n")
        .getBytes(StandardCharsets.US_ASCII);
  }
}
