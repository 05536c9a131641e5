package dev.parley.provider.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Finding the connection's abort behind a client's stream wrappers. */
class StreamAbortTest {

  /** Like Apache HttpClient's {@code EofSensorInputStream}: a stream that can abort. */
  public static final class Abortable extends ByteArrayInputStream {
    boolean aborted;

    Abortable() {
      super(new byte[0]);
    }

    public void abortConnection() {
      aborted = true;
    }
  }

  /** Like RESTEasy's wrappers: the stream in a private field, a level or two down. */
  static final class Wrapper extends InputStream {
    private final InputStream inner;

    Wrapper(InputStream inner) {
      this.inner = inner;
    }

    @Override
    public int read() {
      return -1;
    }
  }

  @Test
  void findsTheAbortBehindWrappers() {
    Abortable apache = new Abortable();
    assertTrue(StreamAbort.abort(new Wrapper(new Wrapper(apache))));
    assertTrue(apache.aborted);
  }

  @Test
  void aPlainStreamCannotBeAborted() {
    assertFalse(StreamAbort.abort(new ByteArrayInputStream(new byte[0])));
    assertFalse(StreamAbort.abort(new FilterInputStream(new Wrapper(null)) {}));
  }

  @Test
  void tooDeepIsNotSearched() {
    InputStream stream = new Abortable();
    for (int i = 0; i <= StreamAbort.MAX_DEPTH; i++) {
      stream = new Wrapper(stream);
    }
    assertFalse(StreamAbort.abort(stream));
  }

  @Test
  void onlyRestEasyStreamsDrainOnClose() {
    assertFalse(StreamAbort.drainsOnClose(new ByteArrayInputStream(new byte[0])));
  }
}
