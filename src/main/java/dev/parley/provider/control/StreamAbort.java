package dev.parley.provider.control;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Aborting a provider stream that has not ended, instead of closing it. Closing is enough where the
 * REST client reads through {@code HttpURLConnection} (Payara: the socket closes). RESTEasy
 * (WildFly) reads through Apache HttpClient, whose {@code close()} reads a chunked response to its
 * end to reuse the connection: the provider call would go on, and the closing thread wait, until
 * the provider finishes. Apache's stream offers {@code abortConnection()} ({@code
 * org.apache.http.conn.ConnectionReleaseTrigger}) behind RESTEasy's wrappers: found by looking
 * through the wrappers' {@code InputStream} fields (a few levels, best effort: no Apache or
 * RESTEasy type at compile time).
 */
final class StreamAbort {

  static final int MAX_DEPTH = 4;

  private StreamAbort() {}

  /** Whether closing {@code body} would read it to its end (RESTEasy's client). */
  static boolean drainsOnClose(InputStream body) {
    return body.getClass().getName().startsWith("org.jboss.resteasy.");
  }

  /** Aborts the connection under {@code body}; false if no way to do so was found. */
  static boolean abort(InputStream body) {
    return abort(body, 0, new IdentityHashMap<>());
  }

  private static boolean abort(Object stream, int depth, Map<Object, Boolean> seen) {
    if (stream == null || depth > MAX_DEPTH || seen.put(stream, Boolean.TRUE) != null) {
      return false;
    }
    try {
      Method abort = stream.getClass().getMethod("abortConnection");
      abort.invoke(stream);
      return true;
    } catch (NoSuchMethodException notHere) {
      // look inside
    } catch (ReflectiveOperationException | RuntimeException failed) {
      return false;
    }
    for (Class<?> type = stream.getClass();
        type != null && type != Object.class;
        type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())
            || !InputStream.class.isAssignableFrom(field.getType())) {
          continue;
        }
        try {
          field.setAccessible(true);
          if (abort(field.get(stream), depth + 1, seen)) {
            return true;
          }
        } catch (RuntimeException | IllegalAccessException inaccessible) {
          // a JDK stream's own fields (java.base is closed to reflection): not Apache's
        }
      }
    }
    return false;
  }
}
