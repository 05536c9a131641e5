package dev.parley.provider.control;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends an unfinished provider response by dropping its connection. Closing the stream does that on
 * Jersey (Payara). RESTEasy (WildFly) instead reads a chunked body to its end on close, so a
 * provider that keeps streaming (pings, keep-alive comments, a long reply) would hold the
 * connection and the closing thread until it finishes: there the response behind the stream (the
 * {@code response} of RESTEasy's entity stream wrapper) releases its connection without reading it,
 * which closes the socket. Reflection, because neither JAX-RS nor MicroProfile REST Client has an
 * abort; anything unexpected falls back to closing the stream.
 */
final class ConnectionDrop {

  private static final Logger LOG = Logger.getLogger(ConnectionDrop.class.getName());
  private static final String RESTEASY = "org.jboss.resteasy.";
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private ConnectionDrop() {}

  /** Loads and initializes the class (see {@link Completions}: nothing may load on SIGTERM). */
  static void preload() {
    WARNED.get();
  }

  static void drop(InputStream body) throws IOException {
    if (body.getClass().getName().startsWith(RESTEASY) && releaseWithoutReading(body)) {
      return;
    }
    body.close();
  }

  private static boolean releaseWithoutReading(InputStream body) {
    try {
      Object response = field(body, "response");
      if (response == null) {
        throw new NoSuchFieldException(body.getClass().getName() + ".response");
      }
      // the response is an anonymous subclass: its method is not accessible through it unopened
      Method release = response.getClass().getMethod("releaseConnection", boolean.class);
      release.setAccessible(true);
      release.invoke(response, false);
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      if (WARNED.compareAndSet(false, true)) {
        LOG.log(
            Level.WARNING,
            "cannot drop RESTEasy's provider connection; closing the stream instead, which reads"
                + " it to its end",
            e);
      }
      return false;
    }
  }

  private static Object field(Object owner, String name) throws IllegalAccessException {
    for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
      } catch (NoSuchFieldException next) {
        // a superclass may declare it
      }
    }
    return null;
  }
}
