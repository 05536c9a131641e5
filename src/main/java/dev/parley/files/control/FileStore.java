package dev.parley.files.control;

import dev.parley.chat.control.ChatSessions;
import dev.parley.files.control.PdfTextExtractor.Extraction;
import dev.parley.files.entity.DocumentText;
import dev.parley.files.entity.FileList;
import dev.parley.files.entity.FileSummary;
import dev.parley.files.entity.FileView;
import dev.parley.files.entity.StoredFile;
import dev.parley.files.entity.Uploaded;
import dev.parley.platform.errors.NotFound;
import dev.parley.platform.errors.Unprocessable;
import dev.parley.security.entity.Caller;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;

/**
 * Stored files of chat sessions. Every public method is one transaction and checks that the caller
 * owns the session.
 */
@Stateless
public class FileStore {

  static final String FILE_NOT_FOUND = "file not found";

  @PersistenceContext EntityManager em;
  @Inject ChatSessions sessions;
  @Inject Clock clock;

  /**
   * 404 unless the caller owns the session; nothing else. Lets an upload fail before its body is
   * parsed.
   */
  public void requireSession(Caller caller, long sessionId) {
    sessions.requireOwned(caller, sessionId);
  }

  /**
   * Stores the file unless the session's documents would then hold more than {@code
   * maxSessionChars} of text: every chat turn chunks and ranks all of them, so this bounds a turn's
   * work (about 0.3 s per 2 million characters, measured).
   */
  public Uploaded store(
      Caller caller, long sessionId, String filename, Extraction extraction, long maxSessionChars) {
    sessions.requireOwned(caller, sessionId);
    long held =
        em.createNamedQuery(StoredFile.TEXT_CHARS_OF_SESSION, Number.class)
            .setParameter("sessionId", sessionId)
            .getSingleResult()
            .longValue();
    long total = held + extraction.text().text().length();
    if (total > maxSessionChars) {
      throw new Unprocessable(
          "the session's documents would hold "
              + total
              + " characters of text; at most "
              + maxSessionChars
              + " are allowed per session: delete a file first");
    }
    StoredFile file =
        new StoredFile(
            sessionId,
            FileNames.sanitize(filename),
            extraction.content(),
            extraction.text(),
            clock.instant());
    em.persist(file);
    em.flush();
    return Uploaded.of(FileView.of(file.summary(), file.extractedText()));
  }

  public FileList list(Caller caller, long sessionId) {
    sessions.requireOwned(caller, sessionId);
    return new FileList(
        em
            .createNamedQuery(StoredFile.SUMMARIES_OF_SESSION, FileSummary.class)
            .setParameter("sessionId", sessionId)
            .getResultList()
            .stream()
            .map(FileView::listed)
            .toList());
  }

  public void delete(Caller caller, long sessionId, long fileId) {
    sessions.requireOwned(caller, sessionId);
    int deleted =
        em.createNamedQuery(StoredFile.DELETE_ONE)
            .setParameter("id", fileId)
            .setParameter("sessionId", sessionId)
            .executeUpdate();
    if (deleted == 0) {
      throw new NotFound(FILE_NOT_FOUND);
    }
  }

  /**
   * The texts of a session's files for chat context; the caller (chat) has already checked
   * ownership.
   */
  public List<DocumentText> documentsOf(long sessionId) {
    return em.createNamedQuery(StoredFile.TEXTS_OF_SESSION, DocumentText.class)
        .setParameter("sessionId", sessionId)
        .getResultList();
  }
}
