package dev.parley.files.control;

import dev.parley.files.entity.Uploaded;
import dev.parley.ratelimit.control.TierPolicy;
import dev.parley.security.entity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An upload from body to stored file: checks the session, extracts the PDF's text with no
 * transaction open (that takes up to the extraction time limit and must not hold a database
 * connection), then stores it in one transaction, which checks the session again.
 */
@ApplicationScoped
public class FileUploads {

  @Inject FileStore store;
  @Inject TierPolicy tiers;

  @Inject
  @ConfigProperty(name = "parley.files.max-bytes")
  long maxBytes;

  @Inject
  @ConfigProperty(name = "parley.files.max-pages")
  int maxPages;

  @Inject
  @ConfigProperty(name = "parley.files.max-text-chars")
  int maxTextChars;

  @Inject
  @ConfigProperty(name = "parley.files.extraction-timeout-ms")
  long extractionTimeoutMs;

  @Inject
  @ConfigProperty(name = "parley.files.max-buffer-bytes")
  long maxBufferBytes;

  @Inject
  @ConfigProperty(name = "parley.files.upload-timeout-ms")
  long uploadTimeoutMs;

  @Inject
  @ConfigProperty(name = "parley.files.max-session-text-chars")
  long maxSessionTextChars;

  public Uploaded upload(Caller caller, long sessionId, String filename, InputStream content) {
    store.requireSession(caller, sessionId);
    PdfTextExtractor.Extraction extraction =
        PdfTextExtractor.extract(content, limits(maxBytes(caller)));
    return store.store(caller, sessionId, filename, extraction, maxSessionTextChars);
  }

  /** The largest upload accepted from anyone; the request body is cut off beyond it. */
  public long maxBytes() {
    return maxBytes;
  }

  /** How long an upload's body may take to arrive (10 MB at ~100 kB/s by default); then 408. */
  public Duration uploadTimeout() {
    return Duration.ofMillis(uploadTimeoutMs);
  }

  /**
   * The caller's tier may lower the limit, never raise it ({@link TierPolicy} caps it at the global
   * one).
   */
  public long maxBytes(Caller caller) {
    return tiers.of(caller.tier()).maxUploadBytes();
  }

  PdfTextExtractor.Limits limits(long bytes) {
    return new PdfTextExtractor.Limits(
        bytes, maxPages, maxTextChars, Duration.ofMillis(extractionTimeoutMs), maxBufferBytes);
  }
}
