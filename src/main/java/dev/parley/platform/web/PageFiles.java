package dev.parley.platform.web;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which request paths of the chat page map to which file, and with which content type. Plain Java:
 * the servlet does the I/O.
 */
final class PageFiles {

  /** Where a file is read from: the web application's own files or a jar on the class path. */
  enum Source {
    WEBAPP,
    CLASSPATH
  }

  /** A file to serve: its source, its name there, and its content type. */
  record Location(Source source, String name, String contentType) {}

  static final String PAGE = "/index.html";

  /** The WebJars the page uses, by name, with their Maven group ({@code pom.properties}). */
  static final Map<String, String> WEBJARS =
      Map.of(
          "marked",
          "org.webjars.npm",
          "dompurify",
          "org.webjars.npm",
          "highlightjs",
          "org.webjars");

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html;charset=UTF-8",
          "js", "text/javascript;charset=UTF-8",
          "mjs", "text/javascript;charset=UTF-8",
          "css", "text/css;charset=UTF-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "webmanifest", "application/manifest+json");

  // segments of letters, digits, '_', '-' and '.', never starting with a dot: no "..", no ".git"
  private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");

  private final Map<String, String> webjarVersions;

  /** {@code webjarVersions}: the version in the WAR of each of {@link #WEBJARS}. */
  PageFiles(Map<String, String> webjarVersions) {
    this.webjarVersions = Map.copyOf(webjarVersions);
  }

  /**
   * The file for a request with this servlet path and path info (as the container splits them for
   * the mappings {@code ""}, {@code /index.html}, {@code /app/*} and {@code /webjars/*}), or empty
   * when there is none to serve. The root comes as servlet path {@code ""} (Payara, as the Servlet
   * specification says) or {@code "/"} (WildFly's Undertow).
   */
  Optional<Location> locate(String servletPath, String pathInfo) {
    if (servletPath.isEmpty() || servletPath.equals("/") || servletPath.equals(PAGE)) {
      return Optional.of(new Location(Source.WEBAPP, PAGE, TYPES.get("html")));
    }
    if (pathInfo == null || !PATH.matcher(pathInfo).matches()) {
      return Optional.empty();
    }
    Optional<String> type = contentType(pathInfo);
    if (type.isEmpty()) {
      return Optional.empty();
    }
    if (servletPath.equals("/app")) {
      return Optional.of(new Location(Source.WEBAPP, "/app" + pathInfo, type.get()));
    }
    if (servletPath.equals("/webjars")) {
      int slash = pathInfo.indexOf('/', 1);
      String name = slash < 0 ? "" : pathInfo.substring(1, slash);
      String version = webjarVersions.get(name);
      if (version == null) {
        return Optional.empty();
      }
      return Optional.of(
          new Location(
              Source.CLASSPATH,
              "META-INF/resources/webjars/" + name + "/" + version + pathInfo.substring(slash),
              type.get()));
    }
    return Optional.empty();
  }

  static Optional<String> contentType(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? Optional.empty() : Optional.ofNullable(TYPES.get(path.substring(dot + 1)));
  }
}
