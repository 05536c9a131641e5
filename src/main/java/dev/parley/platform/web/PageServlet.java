package dev.parley.platform.web;

import dev.parley.platform.logging.EndpointTemplates;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.zip.GZIPOutputStream;

/**
 * The chat page at the context root, its files under {@code /app/} and its WebJars under {@code
 * /webjars/} (see the package rules). No token needed: the page holds no data.
 *
 * <pre>
 * curl -i http://localhost:7001/
 * </pre>
 */
@WebServlet(urlPatterns = {"", PageFiles.PAGE, "/app/*", "/webjars/*"})
public class PageServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /**
   * The page's policy: everything from this origin, nothing inline. {@code img-src 'self'} also
   * keeps a reply from making the browser fetch an outside image (Markdown images are shown as
   * links); {@code form-action 'none'}: the page's forms are handled by script.
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self';"
          + " connect-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none';"
          + " form-action 'none'; frame-ancestors 'none'";

  /** Compressing smaller files saves nothing worth a header. */
  private static final int GZIP_FROM_BYTES = 1024;

  /** A file as served: its bytes, a gzip copy when worth it, its type and ETag. */
  private record Asset(byte[] bytes, byte[] gzipped, String contentType, String etag) {}

  // The WAR's files do not change while it is deployed; the set is bounded by what it contains.
  private final ConcurrentMap<String, Asset> assets = new ConcurrentHashMap<>();
  private PageFiles files;

  @Override
  public void init() throws ServletException {
    Map<String, String> versions = new HashMap<>();
    PageFiles.WEBJARS.forEach((name, group) -> versions.put(name, webjarVersion(group, name)));
    files = new PageFiles(versions);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String servletPath = request.getServletPath();
    request.setAttribute(EndpointTemplates.ATTRIBUTE, servletPath.isEmpty() ? "/" : servletPath);
    Optional<PageFiles.Location> location = files.locate(servletPath, request.getPathInfo());
    Asset asset = location.map(this::load).orElse(null);
    if (asset == null) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("ETag", asset.etag());
    response.setHeader("Vary", "Accept-Encoding");
    if (asset.contentType().startsWith("text/html")) {
      response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      response.setHeader("X-Frame-Options", "DENY");
      response.setHeader("Referrer-Policy", "no-referrer");
    }
    if (matches(request.getHeader("If-None-Match"), asset.etag())) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    response.setContentType(asset.contentType());
    byte[] body = asset.bytes();
    String encodings = request.getHeader("Accept-Encoding");
    if (asset.gzipped() != null && encodings != null && encodings.contains("gzip")) {
      response.setHeader("Content-Encoding", "gzip");
      body = asset.gzipped();
    }
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private Asset load(PageFiles.Location location) {
    Asset known = assets.get(location.name());
    if (known != null) {
      return known;
    }
    InputStream in =
        location.source() == PageFiles.Source.WEBAPP
            ? getServletContext().getResourceAsStream(location.name())
            : PageServlet.class.getClassLoader().getResourceAsStream(location.name());
    if (in == null) {
      return null; // not cached: unknown names must not fill the map
    }
    try (in) {
      byte[] bytes = in.readAllBytes();
      Asset asset =
          new Asset(
              bytes,
              bytes.length >= GZIP_FROM_BYTES ? gzip(bytes) : null,
              location.contentType(),
              etag(bytes));
      assets.putIfAbsent(location.name(), asset);
      return asset;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    return ifNoneMatch.trim().equals("*")
        || Arrays.stream(ifNoneMatch.split(","))
            .map(String::trim)
            .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
            .anyMatch(etag::equals);
  }

  static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return '"'
          + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22)
          + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }

  private static String webjarVersion(String group, String name) {
    String file = "META-INF/maven/" + group + "/" + name + "/pom.properties";
    try (InputStream in = PageServlet.class.getClassLoader().getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException(group + ":" + name + " is missing from the WAR");
      }
      Properties pom = new Properties();
      pom.load(in);
      return pom.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
