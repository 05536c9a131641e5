package dev.parley.testing;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The endpoints the WAR serves, read off its JAX-RS resource classes (every {@code @Path} class
 * under {@code dev.parley} in the compiled classes): what the API document must describe.
 */
public final class ResourceMethods {

  private ResourceMethods() {}

  /** {@code METHOD /path} keys in {@link SpecDocument#key} form. */
  public static Set<String> endpoints(java.nio.file.Path classes) {
    Set<String> keys = new TreeSet<>();
    try (Stream<java.nio.file.Path> files = Files.walk(classes.resolve("dev/parley"))) {
      files
          .filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$"))
          .map(f -> classes.relativize(f).toString().replace('/', '.').replace(".class", ""))
          .map(ResourceMethods::load)
          .filter(type -> type.isAnnotationPresent(Path.class))
          .forEach(type -> addEndpoints(type, keys));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return keys;
  }

  private static void addEndpoints(Class<?> type, Set<String> keys) {
    String base = type.getAnnotation(Path.class).value();
    for (Method method : type.getDeclaredMethods()) {
      for (Annotation annotation : method.getAnnotations()) {
        HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
        if (http != null) {
          Path sub = method.getAnnotation(Path.class);
          keys.add(SpecDocument.key(http.value(), join(base, sub == null ? "" : sub.value())));
        }
      }
    }
  }

  private static String join(String base, String sub) {
    String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, ResourceMethods.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("cannot load " + name, e);
    }
  }
}
