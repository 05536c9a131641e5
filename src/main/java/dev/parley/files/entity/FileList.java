package dev.parley.files.entity;

import java.util.List;

/**
 * {@code GET /api/chat/sessions/{id}/files}: the session's files, oldest first, without text or
 * bytes.
 */
public record FileList(List<FileView> files) {

  public FileList {
    files = List.copyOf(files);
  }
}
