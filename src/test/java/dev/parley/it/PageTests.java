package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.web.PageServlet;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chat page's files over plain HTTP, on each server (Payara here, WildFly in {@link
 * WildFlySmokeIT}): the page at the root with its Content-Security-Policy, its modules, the WebJars
 * by version-less path, and nothing else.
 */
abstract class PageTests extends DeployedApi {

  @Test
  void thePageIsServedAtTheRootWithItsSecurityHeaders() {
    Api.Reply page = Api.get("/", null);
    assertEquals(200, page.status(), page::toString);
    assertEquals(
        "text/html;charset=UTF-8", page.header("Content-Type").orElse("").replace(" ", ""));
    assertTrue(page.body().contains("<script type=\"module\" src=\"app/main.js\"></script>"));
    assertEquals(
        PageServlet.CONTENT_SECURITY_POLICY, page.header("Content-Security-Policy").orElse(null));
    assertEquals("nosniff", page.header("X-Content-Type-Options").orElse(null));
    assertEquals("DENY", page.header("X-Frame-Options").orElse(null));
    assertEquals(page.body(), Api.get("/index.html", null).body());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/app/main.js",
        "/webjars/marked/lib/marked.esm.js",
        "/webjars/dompurify/dist/purify.es.mjs",
        "/webjars/highlightjs/highlight.min.js"
      })
  void modulesAndWebJarsAreJavaScript(String path) {
    Api.Reply script = Api.get(path, null);
    assertEquals(200, script.status(), path);
    assertTrue(script.header("Content-Type").orElse("").startsWith("text/javascript"), path);
    assertTrue(script.body().length() > 100, path);
  }

  @Test
  void anUnchangedFileIsNotSentAgainAndTextIsCompressed() {
    Api.Reply first = Api.get("/app/styles.css", null);
    String etag = first.header("ETag").orElseThrow();
    Api.Reply again =
        Api.send(Api.request("/app/styles.css", null).header("If-None-Match", etag).GET().build());
    assertEquals(304, again.status());
    Api.Reply gzip =
        Api.send(
            Api.request("/webjars/marked/lib/marked.esm.js", null)
                .header("Accept-Encoding", "gzip")
                .method("GET", HttpRequest.BodyPublishers.noBody())
                .build());
    assertEquals("gzip", gzip.header("Content-Encoding").orElse(null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/app/",
        "/app/nothing.js",
        "/app/.hidden.js",
        "/app/readme.txt",
        "/webjars/swagger-ui/index.html",
        "/webjars/marked/",
        "/webjars/marked/package.json",
        "/WEB-INF/web.xml"
      })
  void nothingElseIsServed(String path) {
    Api.Reply reply = Api.get(path, null);
    assertEquals(404, reply.status(), path + ": " + reply);
  }
}
