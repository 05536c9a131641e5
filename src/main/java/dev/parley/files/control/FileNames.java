package dev.parley.files.control;

/** Turns a client-supplied file name into one safe to store and show. Plain Java. */
public final class FileNames {

  public static final int MAX_LENGTH = 200;
  static final String FALLBACK = "document.pdf";

  private FileNames() {}

  /**
   * No directories, no control or format characters, trimmed, at most 200 characters (keeping the
   * extension).
   */
  public static String sanitize(String name) {
    if (name == null) {
      return FALLBACK;
    }
    String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    base = base.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", "").strip();
    while (base.startsWith(".")) {
      base = base.substring(1).strip(); // no hidden files, no "." or ".."
    }
    if (base.isEmpty()) {
      return FALLBACK;
    }
    if (base.codePointCount(0, base.length()) > MAX_LENGTH) {
      int dot = base.lastIndexOf('.');
      String extension = dot > 0 && base.length() - dot <= 10 ? base.substring(dot) : "";
      base =
          base.substring(0, base.offsetByCodePoints(0, MAX_LENGTH - extension.length()))
              + extension;
    }
    return base;
  }
}
