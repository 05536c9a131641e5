package dev.parley.files.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileNamesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "report.pdf|report.pdf",
        "../../etc/passwd|passwd",
        "C:\\Users\\me\\My Report.pdf|My Report.pdf",
        "  spaced.pdf  |spaced.pdf",
        "..|document.pdf",
        ".hidden.pdf|hidden.pdf",
        "dir/|document.pdf",
        "Grüße café.pdf|Grüße café.pdf",
        "a\u0085b\u009f.pdf|ab.pdf"
      })
  void sanitizes(String name, String expected) {
    assertEquals(expected, FileNames.sanitize(name));
  }

  @Test
  void removesControlCharactersAndCapsLength() {
    assertEquals("a b.pdf", FileNames.sanitize("a\u0000 b\r\n.pdf\u202e".replace("\u202e", "")));
    assertEquals("evilfdp.exe", FileNames.sanitize("evil\u202efdp.exe"));
    assertEquals("document.pdf", FileNames.sanitize(null));
    String longName = "x".repeat(300) + ".pdf";
    String sanitized = FileNames.sanitize(longName);
    assertEquals(200, sanitized.length());
    assertTrue(sanitized.endsWith(".pdf"));
  }

  @Test
  void anyNameBecomesASafeOne() {
    Property.forAll(23, 2000, Property.Gen.strings(300), FileNamesTest::safe);
  }

  private static void safe(String name) {
    String safe = FileNames.sanitize(name);
    assertTrue(!safe.isEmpty() && !safe.startsWith("."), safe);
    assertTrue(safe.indexOf('/') < 0 && safe.indexOf('\\') < 0, safe);
    assertTrue(safe.codePoints().noneMatch(Character::isISOControl), safe);
    assertTrue(safe.codePointCount(0, safe.length()) <= FileNames.MAX_LENGTH, safe);
    assertEquals(safe, FileNames.sanitize(safe), "sanitizing is idempotent");
  }
}
