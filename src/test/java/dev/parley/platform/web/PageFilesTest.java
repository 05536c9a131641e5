package dev.parley.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.web.PageFiles.Location;
import dev.parley.platform.web.PageFiles.Source;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageFilesTest {

  private final PageFiles files =
      new PageFiles(Map.of("marked", "18.1.3", "dompurify", "3.3.3", "highlightjs", "11.11.1"));

  @ParameterizedTest
  @CsvSource({"'',", "'',/", "/,", "/index.html,"})
  void theRootAndIndexHtmlAreThePage(String servletPath, String pathInfo) {
    assertEquals(
        Optional.of(new Location(Source.WEBAPP, "/index.html", "text/html;charset=UTF-8")),
        files.locate(servletPath, pathInfo));
  }

  @Test
  void thePagesFilesComeFromTheWebApplication() {
    assertEquals(
        Optional.of(new Location(Source.WEBAPP, "/app/main.js", "text/javascript;charset=UTF-8")),
        files.locate("/app", "/main.js"));
    assertEquals(
        "text/css;charset=UTF-8", files.locate("/app", "/styles.css").orElseThrow().contentType());
    assertEquals("image/svg+xml", files.locate("/app", "/icon.svg").orElseThrow().contentType());
  }

  @Test
  void webJarsAreFoundWithoutAVersionInTheUrl() {
    assertEquals(
        Optional.of(
            new Location(
                Source.CLASSPATH,
                "META-INF/resources/webjars/dompurify/3.3.3/dist/purify.es.mjs",
                "text/javascript;charset=UTF-8")),
        files.locate("/webjars", "/dompurify/dist/purify.es.mjs"));
    assertEquals(
        "META-INF/resources/webjars/highlightjs/11.11.1/styles/github-dark.min.css",
        files.locate("/webjars", "/highlightjs/styles/github-dark.min.css").orElseThrow().name());
  }

  @ParameterizedTest
  @CsvSource({
    "/app,",
    "/app,/",
    "/app,/../WEB-INF/web.xml",
    "/app,/.env.js",
    "/app,/a//b.js",
    "/app,/notes.txt",
    "/app,/main",
    "/app,/x\\y.js",
    "/webjars,/swagger-ui/index.html",
    "/webjars,/marked",
    "/webjars,/marked/",
    "/webjars,/marked/package.json",
    "/webjars,/marked/../dompurify/x.js",
    "/docs,/index.html"
  })
  void nothingElseIsServed(String servletPath, String pathInfo) {
    assertTrue(files.locate(servletPath, pathInfo).isEmpty(), servletPath + pathInfo);
  }

  @Test
  void anEtagMatchesItselfInAListOrWeakAndAStar() {
    String etag = PageServlet.etag(new byte[] {1, 2, 3});
    assertTrue(PageServlet.matches(etag, etag));
    assertTrue(PageServlet.matches("\"other\", W/" + etag, etag));
    assertTrue(PageServlet.matches("*", etag));
    assertEquals(false, PageServlet.matches("\"other\"", etag));
    assertEquals(false, PageServlet.matches(null, etag));
  }
}
