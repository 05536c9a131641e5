package dev.parley.files.entity;

/**
 * The answer to an upload: the stored file with its text, and a message that says whether text was
 * found.
 */
public record Uploaded(FileView file, String message) {

  static final String OK = "File uploaded successfully";
  static final String NO_TEXT =
      "File uploaded successfully, but no text was found in it: it cannot serve as chat context";

  public static Uploaded of(FileView file) {
    return new Uploaded(file, file.metadata().hasText() ? OK : NO_TEXT);
  }
}
