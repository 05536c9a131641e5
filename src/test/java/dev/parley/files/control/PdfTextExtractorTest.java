package dev.parley.files.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.files.entity.PdfText;
import dev.parley.platform.errors.ParleyException;
import dev.parley.platform.errors.PayloadTooLarge;
import dev.parley.platform.errors.Unprocessable;
import dev.parley.platform.errors.UnsupportedMediaType;
import dev.parley.testing.Fuzz;
import dev.parley.testing.Pdfs;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PdfTextExtractorTest {

  static final PdfTextExtractor.Limits LIMITS =
      new PdfTextExtractor.Limits(10_485_760, 500, 2_000_000, Duration.ofSeconds(20), 100_000_000);

  static PdfText extract(byte[] bytes, PdfTextExtractor.Limits limits) {
    return PdfTextExtractor.extract(new ByteArrayInputStream(bytes), limits).text();
  }

  @Test
  void extractsPagesInOrderWithOffsetsAndInformation() {
    PdfText text =
        extract(
            Pdfs.pages("Report", List.of("First page Grüße", "Second page café naïve")), LIMITS);
    assertEquals(2, text.pageCount());
    assertEquals("Report", text.title());
    assertEquals("Parley Tests", text.author());
    assertTrue(text.hasText());
    assertFalse(text.truncated());
    assertEquals(2, text.pageOffsets().size());
    int second = text.pageOffsets().get(1);
    assertTrue(text.text().substring(0, second).contains("First page Grüße"), text.text());
    assertTrue(text.text().substring(second).contains("Second page café naïve"), text.text());
  }

  @Test
  void extractsTextInAnEmbeddedUnicodeFont() {
    java.io.File dejaVu = new java.io.File("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    org.junit.jupiter.api.Assumptions.assumeTrue(dejaVu.isFile(), "DejaVu Sans not installed");
    String text = "Привет, мир. Καλημέρα κόσμε. Grüße";
    assertTrue(extract(Pdfs.withFont(dejaVu, text), LIMITS).text().contains(text));
  }

  @Test
  void keepsTheOriginalBytes() {
    byte[] pdf = Pdfs.text("hello");
    assertTrue(
        java.util.Arrays.equals(
            pdf, PdfTextExtractor.extract(new ByteArrayInputStream(pdf), LIMITS).content()));
  }

  @Test
  void imageOnlyPdfHasNoText() {
    PdfText text = extract(Pdfs.imageOnly(), LIMITS);
    assertEquals(1, text.pageCount());
    assertFalse(text.hasText());
    assertEquals("", text.text());
  }

  @Test
  void decidesByContent() {
    UnsupportedMediaType png =
        assertThrows(UnsupportedMediaType.class, () -> extract(Pdfs.png(), LIMITS));
    assertEquals(415, png.status());
    assertThrows(UnsupportedMediaType.class, () -> extract("just text".getBytes(), LIMITS));
    assertEquals(
        422, assertThrows(Unprocessable.class, () -> extract(Pdfs.corrupt(), LIMITS)).status());
    assertThrows(Unprocessable.class, () -> extract(new byte[0], LIMITS));
  }

  @Test
  void passwordProtectedIs422SayingSo() {
    Unprocessable e =
        assertThrows(Unprocessable.class, () -> extract(Pdfs.encrypted("secret text"), LIMITS));
    assertTrue(e.detail().contains("password"), e.detail());
  }

  @Test
  void capsBytesPagesAndCharacters() {
    byte[] pdf = Pdfs.pages("t", List.of("one", "two", "three"));
    PayloadTooLarge big =
        assertThrows(
            PayloadTooLarge.class,
            () ->
                extract(
                    pdf,
                    new PdfTextExtractor.Limits(
                        pdf.length - 1, 500, 1000, Duration.ofSeconds(5), 1 << 20)));
    assertTrue(big.detail().contains("too large"));
    assertEquals(
        3,
        extract(
                pdf,
                new PdfTextExtractor.Limits(pdf.length, 500, 1000, Duration.ofSeconds(5), 1 << 20))
            .pageCount());

    Unprocessable pages =
        assertThrows(
            Unprocessable.class,
            () ->
                extract(
                    pdf,
                    new PdfTextExtractor.Limits(1 << 20, 2, 1000, Duration.ofSeconds(5), 1 << 20)));
    assertTrue(pages.detail().contains("3 pages"), pages.detail());

    PdfText cut =
        extract(pdf, new PdfTextExtractor.Limits(1 << 20, 500, 5, Duration.ofSeconds(5), 1 << 20));
    assertTrue(cut.truncated());
    assertEquals(5, cut.text().length());
  }

  @Test
  void slowExtractionIs422() {
    List<String> pages = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      pages.add("page " + i + " " + "lorem ipsum ".repeat(200));
    }
    Unprocessable slow =
        assertThrows(
            Unprocessable.class,
            () ->
                extract(
                    Pdfs.pages("slow", pages),
                    new PdfTextExtractor.Limits(1 << 24, 500, 2_000_000, Duration.ZERO, 1 << 24)));
    assertTrue(slow.detail().contains("longer than"), slow.detail());
  }

  @Test
  void neverAnythingButParleyExceptionsForGarbage() {
    java.util.Random random = new java.util.Random(7);
    byte[] valid = Pdfs.pages("t", List.of("alpha beta", "gamma"));
    for (int round = 0; round < 100; round++) {
      byte[] mutated = valid.clone();
      for (int i = 0; i < 20; i++) {
        mutated[9 + random.nextInt(mutated.length - 9)] = (byte) random.nextInt(256);
      }
      try {
        extract(mutated, LIMITS);
      } catch (ParleyException expected) {
        assertTrue(expected.status() == 422 || expected.status() == 415, expected.detail());
      }
    }
  }

  /** Bombs and every truncation: text or a 4xx, within the time limit, with bounded memory. */
  @Test
  void bombsAndTruncationsEndInTextOrA4xxWithinTheTimeLimit() {
    PdfTextExtractor.Limits limits =
        new PdfTextExtractor.Limits(10 << 20, 500, 2_000_000, Duration.ofSeconds(2), 1 << 24);
    List<byte[]> hostile = new ArrayList<>();
    hostile.add(Pdfs.nestedArrays(200_000));
    hostile.add(Pdfs.cyclicPageTree(1_000_000));
    hostile.add(Pdfs.cyclicPageTree(3));
    hostile.add(Pdfs.hugePageTree(400));
    hostile.add(Pdfs.hugePageTree(1_600_000)); // 9.6 MB: PDFBox parses it in ~2-3 s, unguarded
    byte[] valid = Pdfs.pages("t", List.of("alpha beta", "gamma"));
    for (int cut = 1; cut < valid.length; cut += Math.max(1, valid.length / 40)) {
      hostile.add(java.util.Arrays.copyOf(valid, cut));
    }
    for (byte[] pdf : hostile) {
      long start = System.nanoTime();
      Fuzz.terminates(
          Duration.ofSeconds(8),
          () -> {
            try {
              return extract(pdf, limits);
            } catch (ParleyException refused) {
              assertTrue(refused.status() == 422 || refused.status() == 415, refused.detail());
              return null;
            }
          });
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms < 8_000, "took " + ms + " ms");
    }
  }
}
