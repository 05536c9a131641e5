package dev.parley.platform.openapi;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * {@code /docs}: Swagger UI rendering {@code /openapi}, from the {@code org.webjars:swagger-ui} jar
 * in the WAR, so the page works without internet access. No token needed: the page and the document
 * describe the API, they expose no data.
 */
@WebServlet("/docs/*")
public class DocsServlet extends HttpServlet {

  static final String PAGE = "index.html";
  static final String SCRIPT = "parley-docs.js";

  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html;charset=UTF-8",
          "js", "text/javascript;charset=UTF-8",
          "css", "text/css;charset=UTF-8",
          "png", "image/png");

  private final String assets = WEBJAR + webjarVersion() + "/";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo();
    if (path == null) {
      response.sendRedirect(request.getContextPath() + "/docs/");
      return;
    }
    String file = path.equals("/") ? PAGE : path.substring(1);
    boolean own = file.equals(PAGE) || file.equals(SCRIPT);
    InputStream content =
        !FILE_NAME.matcher(file).matches()
            ? null
            : own
                ? DocsServlet.class.getResourceAsStream(file)
                : DocsServlet.class.getClassLoader().getResourceAsStream(assets + file);
    if (content == null) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    try (content) {
      String extension = file.substring(file.lastIndexOf('.') + 1);
      response.setContentType(TYPES.getOrDefault(extension, "application/octet-stream"));
      // Swagger UI's files change only with the jar's version; the page may change with Parley
      response.setHeader("Cache-Control", own ? "no-cache" : "public, max-age=86400");
      content.transferTo(response.getOutputStream());
    }
  }

  private static String webjarVersion() {
    Properties pom = new Properties();
    try (InputStream in =
        DocsServlet.class
            .getClassLoader()
            .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("org.webjars:swagger-ui is missing from the WAR");
      }
      pom.load(in);
      return pom.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
