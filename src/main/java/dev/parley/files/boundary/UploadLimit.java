package dev.parley.files.boundary;

import dev.parley.files.control.FileUploads;
import dev.parley.files.control.PdfTextExtractor;
import dev.parley.platform.boundary.BodyDeadlines;
import dev.parley.platform.errors.ErrorResponse;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bounds an upload's whole multipart body before anything parses it: a declared {@code
 * Content-Length} beyond the file limit plus room for the multipart framing is refused at once
 * (413), and a body without one is cut off once it passes that size, so that no unbounded body is
 * ever buffered; a body still arriving after {@code parley.files.upload-timeout-ms} is cut off with
 * a 408.
 */
@Provider
@UploadLimit.Bound
@Priority(Priorities.ENTITY_CODER)
public class UploadLimit implements ContainerRequestFilter {

  /** Marks the resource methods whose bodies are uploads. */
  @NameBinding
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.TYPE, ElementType.METHOD})
  public @interface Bound {}

  /** Multipart boundaries and part headers; generous, file names may be long. */
  static final long FRAMING_BYTES = 64 * 1024;

  @Inject FileUploads uploads;
  @Inject BodyDeadlines deadlines;

  @Override
  public void filter(ContainerRequestContext request) {
    long limit = uploads.maxBytes() + FRAMING_BYTES;
    if (request.getLength() > limit) {
      request.abortWith(
          ErrorResponse.response(413, PdfTextExtractor.tooLarge(uploads.maxBytes()).detail()));
      return;
    }
    InputStream body = deadlines.guard(request.getEntityStream(), uploads.uploadTimeout());
    request.setEntityStream(new Bounded(body, limit, uploads.maxBytes()));
  }

  /** Fails the read once more than {@code limit} bytes came; the resource reports it as a 413. */
  static final class Bounded extends FilterInputStream {

    private final long limit;
    private final long maxFileBytes;
    private long count;

    Bounded(InputStream in, long limit, long maxFileBytes) {
      super(in);
      this.limit = limit;
      this.maxFileBytes = maxFileBytes;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    private void counted(int n) {
      count += n;
      if (count > limit) {
        throw PdfTextExtractor.tooLarge(maxFileBytes);
      }
    }
  }
}
