package dev.parley.it;

import static dev.parley.it.ChatPage.status;
import static dev.parley.it.ChatPage.text;
import static dev.parley.it.TestEnvironment.upstream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.parley.testing.Pdfs;
import dev.parley.testing.RecordedRequest;
import dev.parley.testing.Script;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

/**
 * The chat page in headless Chromium against the deployed WAR and the fake provider: what a person
 * sees and does, asserted on the page itself (DOM text and element state). One browser for all
 * tests; each test signs in as a user of its own. Runs in the H2 run only: the page talks to the
 * same API whatever the database, and the PostgreSQL run repeats the API suite.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebPageTests extends DeployedApi {

  /** A reply that uses what the page renders: emphasis, a table, a code block, a list. */
  static final List<String> MARKDOWN =
      List.of(
          "Here is ",
          "**what you asked**",
          " for.\n\n",
          "| model | tokens |\n",
          "|---|---|\n",
          "| gpt-4 | 42 |\n\n",
          "```java\n",
          "record Reply(String text) {}\n",
          "```\n\n",
          "- streamed\n",
          "- stored");

  /** Messages are articles; the last one is the newest reply once it has come. */
  static final String LAST_REPLY_FOOTER = "#messages article:last-of-type .reply-footer";

  private Browser browser;
  private ChatPage page;

  @BeforeAll
  void startBrowser() {
    assumeFalse(
        TestEnvironment.onPostgres(), "the browser suite runs once, in the H2 run (see above)");
    browser = Browser.start();
    page = new ChatPage(browser);
  }

  @AfterAll
  void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void desktop() {
    browser.emulate(1280, 800, "light");
    browser.console(); // forget the previous test's entries
  }

  /** No test may leave a script error or a Content-Security-Policy violation in the console. */
  @AfterEach
  void consoleIsClean() {
    List<String> problems =
        browser.console().stream()
            .map(LogEntry::getMessage)
            .filter(
                m ->
                    m.contains("Content Security Policy")
                        || m.contains("Uncaught")
                        || m.contains("TypeError")
                        || m.contains("SyntaxError"))
            .toList();
    assertEquals(List.of(), problems, "browser console");
  }

  @Test
  void signInTakesAPastedTokenKeepsItInTheTabOnlyAndA401BringsItBack() {
    page.openSignedOut();
    assertTrue(browser.find("#token-help").getText().contains("./data/dev-token"));
    assertEquals(
        browser.find("#token-input"),
        browser.driver().switchTo().activeElement(),
        "the token field has the focus");

    browser.find("#token-input").sendKeys("not-a-token", Keys.ENTER);
    WebElement error =
        browser.await(
            "the refusal",
            d ->
                browser.find("#sign-in-error").isDisplayed()
                    ? browser.find("#sign-in-error")
                    : null);
    assertTrue(error.getText().contains("not accepted"), error.getText());
    assertFalse(browser.find("#app").isDisplayed());

    String token = Users.token();
    browser.find("#token-input").clear();
    browser.find("#token-input").sendKeys(token, Keys.ENTER);
    page.awaitReady();
    assertEquals(token, browser.script("return sessionStorage.getItem('parley.token')"));
    assertEquals(0L, browser.script("return localStorage.length"), "nothing on disk");
    assertEquals("", browser.script("return document.cookie"));

    // the token stops working (expired, new server key): the next request brings sign-in back
    String expired = Users.tokens().token().subject("x").expiresIn(Duration.ofSeconds(-60)).build();
    browser.script("sessionStorage.setItem('parley.token', arguments[0])", expired);
    browser.find("#prompts-button").click();
    WebElement reason =
        browser.await(
            "sign-in again",
            d ->
                browser.find("#sign-in-reason").isDisplayed()
                    ? browser.find("#sign-in-reason")
                    : null);
    assertTrue(reason.getText().contains("did not accept your token"), reason.getText());
    assertNull(browser.script("return sessionStorage.getItem('parley.token')"));
  }

  @Test
  void theModelPickerGroupsTheCatalogueByProvider() {
    String token = Users.token();
    page.signIn(token);
    List<JsonObject> catalogue =
        Api.get("/v1/models", token).json().getJsonArray("data").getValuesAs(JsonObject.class);
    // the test servers have three providers (openai, anthropic, and one nobody listens on)
    Map<String, List<String>> byProvider = new LinkedHashMap<>();
    catalogue.forEach(
        m ->
            byProvider
                .computeIfAbsent(m.getString("provider"), p -> new ArrayList<>())
                .add(m.getString("id")));
    assertTrue(byProvider.size() > 1, byProvider::toString);
    Map<String, List<String>> shown = new LinkedHashMap<>();
    for (WebElement group : browser.findAll("#model-picker optgroup")) {
      shown.put(
          group.getAttribute("label"),
          group.findElements(By.tagName("option")).stream()
              .map(o -> o.getAttribute("value"))
              .toList());
    }
    assertEquals(byProvider, shown, "each provider's models under its name, in catalogue order");
  }

  @Test
  void aReplyStreamsInTokenByTokenAndEndsAsRenderedMarkdown() {
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens(MARKDOWN.toArray(String[]::new)).gapMillis(150));
    page.signIn(Users.token());

    page.composer().sendKeys("Render this", Keys.chord(Keys.SHIFT, Keys.ENTER), needle);
    assertEquals(
        "Render this\n" + needle,
        page.composer().getAttribute("value"),
        "Shift+Enter is a new line");
    assertTrue(browser.findAll("#messages .message").isEmpty(), "nothing sent yet");
    page.composer().sendKeys(Keys.ENTER);

    WebElement reply = page.awaitReply("streaming");
    String early =
        browser.await("the first tokens", d -> text(reply).isEmpty() ? null : text(reply));
    assertTrue(browser.find("#stop-button").isDisplayed(), "stop while it streams");
    assertFalse(early.contains("stored"), "not the whole reply yet: " + early);
    browser.await(
        "the reply growing while it streams",
        d -> "streaming".equals(status(reply)) && text(reply).length() > early.length());

    page.awaitReply("completed");
    assertTrue(browser.find("#send-button").isDisplayed());
    assertEquals("what you asked", reply.findElement(By.cssSelector(".markdown strong")).getText());
    assertEquals(
        "42", reply.findElement(By.cssSelector(".markdown table tbody td:last-child")).getText());
    assertEquals(2, reply.findElements(By.cssSelector(".markdown ul li")).size());
    WebElement code = reply.findElement(By.cssSelector(".markdown pre code"));
    assertEquals("record Reply(String text) {}", code.getText().strip());
    assertFalse(code.findElements(By.cssSelector("span[class^='hljs-']")).isEmpty(), "highlighted");
    assertEquals("java", reply.findElement(By.cssSelector(".code-language")).getText());
    assertTrue(reply.findElement(By.cssSelector(".copy-button")).isDisplayed());
    String footer = browser.awaitTextContaining(LAST_REPLY_FOOTER, "tokens");
    assertTrue(footer.contains(MARKDOWN.size() + " reply"), footer);

    // the first message titles the session: in the heading and in the history
    String title = "Render this " + needle; // the first message on one line
    browser.awaitText("#conversation-title", title);
    assertEquals(List.of(title), page.sessionTitles());
  }

  @Test
  void theStopButtonEndsTheReplyKeepsWhatArrivedAndCancelsTheProviderCall() {
    String token = Users.token();
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens("Partial", " answer", " never").hangAfter(2));
    page.signIn(token);
    page.send(needle);
    WebElement reply = page.lastReply();
    browser.await("two tokens", d -> text(reply).equals("Partial answer"));

    browser.find("#stop-button").click();
    page.awaitReply("stopped");
    assertEquals("Partial answer", text(reply));
    assertTrue(
        reply.findElement(By.cssSelector(".reply-status")).getText().contains("Stopped by you"));
    assertTrue(browser.find("#send-button").isDisplayed());
    RecordedRequest call = upstream().awaitRequestContaining(needle, Browser.WAIT);
    assertTrue(call.awaitClientDisconnect(Browser.WAIT), "the provider call was cancelled");
    long session = page.openSessionId();
    JsonObject stored =
        Chats.awaitLastMessage(token, session, m -> !"in_progress".equals(m.getString("status")));
    assertEquals("cancelled", stored.getString("status"));
    assertEquals("Partial answer", stored.getString("content"));
  }

  @Test
  void stoppingBeforeTheFirstTokenShowsWhatTheServerStored() {
    String token = Users.token();
    String needle = Chats.needle();
    // Parley answers once the provider does (here after a second, within its 3 s timeout)
    List<String> tokens = List.of("one", " two", " three", " four", " five", " six", " seven");
    upstream()
        .when(
            needle,
            Script.tokens(tokens.toArray(String[]::new)).initialDelayMillis(1000).gapMillis(300));
    page.signIn(token);
    page.send("Slow start " + needle);
    // stopped before Parley's answer: the page stops the turn once the answer names its session
    browser.find("#stop-button").click();
    assertTrue(
        upstream()
            .awaitRequestContaining(needle, Browser.WAIT)
            .awaitClientDisconnect(Browser.WAIT));
    // the stop closed the provider call and stored the turn cancelled: the page shows what it
    // stored
    WebElement reply =
        browser.await(
            "the stored turn, cancelled",
            d -> "cancelled".equals(status(page.lastReply())) ? page.lastReply() : null);
    assertTrue(String.join("", tokens).startsWith(text(reply)), text(reply));
    assertTrue(
        reply
            .findElement(By.cssSelector(".reply-status"))
            .getText()
            .startsWith("Stopped before it was complete"));
    assertEquals("Slow start " + needle, browser.find("#messages .message.user").getText());
    assertEquals(List.of("Slow start " + needle), page.sessionTitles());
    assertEquals("", page.composer().getAttribute("value"), "it was sent: not put back");
  }

  @Test
  void switchingTheModelOfAnOpenConversationShowsAndTakesEffect() {
    String token = Users.token();
    page.signIn(token);
    page.chooseModel("gpt-4");
    String first = Chats.needle();
    page.send("first " + first);
    page.awaitReply("completed");
    assertEquals("gpt-4", page.lastReply().findElement(By.cssSelector(".reply-model")).getText());

    page.chooseModel("gpt-4o");
    WebElement divider =
        browser.await(
            "the switch in the conversation",
            d -> browser.findAll("#messages .divider").stream().findFirst().orElse(null));
    assertTrue(divider.getText().contains("Switched to gpt-4o"), divider.getText());
    long session = page.openSessionId();
    assertEquals("gpt-4o", Chats.session(token, session).getString("model"));

    String second = Chats.needle();
    page.send("second " + second);
    browser.await(
        "two replies",
        d -> page.replies().size() == 2 && "completed".equals(status(page.lastReply())));
    assertEquals("gpt-4o", page.lastReply().findElement(By.cssSelector(".reply-model")).getText());
    assertEquals(
        "gpt-4o", upstream().lastRequestContaining(second).orElseThrow().json().getString("model"));

    // reopened after a reload: each reply with its model, and where the model changed
    browser.driver().navigate().refresh();
    page.awaitReady();
    browser.await("the conversation again", d -> page.replies().size() == 2);
    List<String> shown =
        browser.findAll("#messages .message.assistant .reply-model, #messages .divider").stream()
            .map(WebElement::getText)
            .toList();
    assertEquals(List.of("gpt-4", "Switched to gpt-4o", "gpt-4o"), shown);
  }

  @Test
  void pdfsAreAttachedToTheConversationTheirTextReachesTheModelAndCanBeRemoved()
      throws IOException {
    page.signIn(Users.token());
    page.openDialog("attach-button", "documents-dialog");
    assertTrue(browser.find("#documents-intro").getText().contains("first message"));
    assertFalse(browser.find("#documents-upload").isDisplayed(), "no session, no upload yet");
    browser.find("#documents-dialog").sendKeys(Keys.ESCAPE);

    page.send("Hello " + Chats.needle());
    page.awaitReply("completed");
    page.openDialog("documents-button", "documents-dialog");
    Path dir = Files.createTempDirectory("parley-pdfs");
    WebElement input = browser.find("#file-input");

    input.sendKeys(file(dir, "launch.pdf", Pdfs.text("The launch code is PLUM-42.")).toString());
    String done = awaitUploadResult("launch.pdf");
    assertTrue(done.contains("1 page, text found"), done);

    input.sendKeys(file(dir, "scan.pdf", Pdfs.imageOnly()).toString());
    String scanned = awaitUploadResult("scan.pdf");
    assertTrue(scanned.contains("no text was found"), scanned);

    input.sendKeys(file(dir, "locked.pdf", Pdfs.encrypted("secret")).toString());
    String locked = awaitUploadResult("locked.pdf");
    assertTrue(locked.contains("was not attached") && locked.contains("password"), locked);

    input.sendKeys(file(dir, "photo.pdf", Pdfs.png()).toString());
    String photo = awaitUploadResult("photo.pdf");
    assertTrue(photo.contains("was not attached. Not accepted"), photo);

    input.sendKeys(file(dir, "huge.pdf", Pdfs.padded(10 * 1024 * 1024 + 1024)).toString());
    String huge = awaitUploadResult("huge.pdf");
    assertTrue(huge.contains("was not attached. Too large"), huge);

    List<String> listed = fileNames();
    assertEquals(2, listed.size(), listed::toString);
    assertTrue(
        listed.get(0).startsWith("launch.pdf") && listed.get(0).contains("1 page · text found"),
        listed::toString);
    assertTrue(
        listed.get(1).startsWith("scan.pdf") && listed.get(1).contains("no text found"),
        listed::toString);
    browser.find("#documents-dialog [data-close]").click();
    assertEquals("Documents (2)", browser.find("#documents-label").getText());

    String question = Chats.needle();
    page.send("What is the launch code? " + question);
    browser.await(
        "the answer",
        d -> page.replies().size() == 2 && "completed".equals(status(page.lastReply())));
    assertTrue(
        upstream().lastRequestContaining(question).orElseThrow().body().contains("PLUM-42"),
        "the document went upstream");

    page.openDialog("documents-button", "documents-dialog");
    browser.find("#file-list li:last-child button").click();
    browser.await("the confirmation", d -> browser.find("#confirm-dialog").isDisplayed());
    browser.find("#confirm-ok").click();
    browser.await("one file left", d -> fileNames().size() == 1);
    assertTrue(fileNames().get(0).startsWith("launch.pdf"));
  }

  private String awaitUploadResult(String name) {
    return browser.await(
        "the outcome of " + name,
        d -> {
          String text = browser.find("#upload-result").getText();
          return text.contains(name)
                  && browser.find("#upload-progress").getAttribute("hidden") != null
              ? text
              : null;
        });
  }

  /** Read in one go: the list is drawn again after each upload's answer. */
  @SuppressWarnings("unchecked")
  private List<String> fileNames() {
    return (List<String>)
        browser.script(
            "return [...document.querySelectorAll('#file-list li .file-name')]"
                + ".map(e => e.innerText.replace(/\\n/g, ' '))");
  }

  private static Path file(Path dir, String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  @Test
  void aTemplatesVariablesAreFilledInPreviewedByTheModelAndInserted() {
    page.signIn(Users.token());
    page.composer().sendKeys("Please: ");
    page.openDialog("library-button", "prompts-dialog");
    browser.find("#prompt-search").sendKeys("translator");
    WebElement item =
        browser.await(
            "the Translator template",
            d ->
                browser.findAll("#prompt-list .prompt-item").size() == 1
                    ? browser.find("#prompt-list .prompt-item")
                    : null);
    assertTrue(item.getText().contains("Template"), item.getText());
    item.click();

    browser.find("#var-target_language").sendKeys("French");
    browser.find("#var-text").sendKeys("Good morning");
    String rendered = browser.find("#prompt-rendered").getText();
    assertTrue(rendered.startsWith("Translate the following text into French."), rendered);
    assertTrue(rendered.endsWith("Text:\nGood morning"), rendered);
    // after a pause in typing the model answers (the fake provider echoes the rendered prompt)
    String preview = browser.awaitTextContaining("#prompt-preview", "tokens");
    assertTrue(preview.startsWith("Echo: Translate the following text into French."), preview);
    assertTrue(preview.contains("gpt-4 · "), preview);

    browser.find("#prompt-insert").click();
    assertFalse(browser.find("#prompts-dialog").isDisplayed());
    assertEquals("Please: " + rendered, page.composer().getAttribute("value"));
  }

  @Test
  void ownPromptsAreCreatedEditedAndDeleted() {
    String token = Users.token();
    page.signIn(token);
    page.openDialog("prompts-button", "prompts-dialog");
    browser.find("#prompt-templates").click(); // own prompts only
    browser.find("#prompt-new").click();
    browser.find("#edit-title").sendKeys("Stand-up notes");
    browser.find("#edit-content").sendKeys("Summarize {notes} for the {team} team");
    browser.find("#prompt-detail button[type=submit]").click();
    browser.await("the new prompt", d -> promptTitles().equals(List.of("Stand-up notes")));
    assertEquals(
        List.of("notes", "team"),
        browser.findAll("#prompt-detail textarea[data-variable]").stream()
            .map(e -> e.getAttribute("data-variable"))
            .toList());

    browser.findAll("#prompt-detail .actions button").get(0).click(); // Edit
    WebElement title = browser.find("#edit-title");
    title.clear();
    title.sendKeys("Daily stand-up");
    browser.find("#prompt-detail button[type=submit]").click();
    browser.await("the edited prompt", d -> promptTitles().equals(List.of("Daily stand-up")));
    assertEquals(
        "Daily stand-up",
        Api.get("/api/chat/prompts?include_templates=false", token)
            .json()
            .getJsonArray("items")
            .getJsonObject(0)
            .getString("title"));

    browser.findAll("#prompt-detail .actions button").get(1).click(); // Delete
    browser.await("the confirmation", d -> browser.find("#confirm-dialog").isDisplayed());
    browser.find("#confirm-ok").click();
    browser.await("no prompt left", d -> browser.findAll("#prompt-list li").isEmpty());
    assertEquals(
        0, Api.get("/api/chat/prompts?include_templates=false", token).json().getInt("total"));
  }

  private List<String> promptTitles() {
    return browser.findAll("#prompt-list .prompt-title").stream().map(WebElement::getText).toList();
  }

  @Test
  void deletingAConversationAsksFirstThenRemovesIt() {
    String token = Users.token();
    Chats.streamTurn(token, "gpt-4", "Alpha " + Chats.needle(), null);
    Chats.streamTurn(token, "gpt-4", "Beta " + Chats.needle(), null);
    page.signIn(token);
    assertEquals(2, page.sessions().size());
    WebElement alpha = page.sessions().get(1);
    assertTrue(alpha.getText().startsWith("Alpha"), alpha.getText());
    alpha.findElement(By.cssSelector(".session-delete")).click();
    browser.await("the confirmation", d -> browser.find("#confirm-dialog").isDisplayed());
    assertTrue(browser.find("#confirm-text").getText().startsWith("“Alpha"));
    assertEquals(
        browser.find("#confirm-cancel"),
        browser.driver().switchTo().activeElement(),
        "Cancel has the focus");
    browser.find("#confirm-cancel").click();
    assertEquals(2, page.sessions().size());
    assertEquals(2, Chats.history(token, "").getInt("total"));

    page.sessions().get(1).findElement(By.cssSelector(".session-delete")).click();
    browser.await("the confirmation", d -> browser.find("#confirm-dialog").isDisplayed());
    browser.find("#confirm-ok").click();
    browser.await("Alpha gone", d -> page.sessions().size() == 1);
    assertTrue(page.sessionTitles().get(0).startsWith("Beta"));
    assertEquals(1, Chats.history(token, "").getInt("total"));
  }

  @Test
  void historyPagesAndFiltersByModelAndDateAndOpensAConversation() {
    String token = Users.token();
    for (int i = 1; i <= 21; i++) {
      complete(token, "gpt-4", "Old topic " + i);
    }
    complete(token, "gpt-4o", "Newest topic A");
    complete(token, "gpt-4o", "Newest topic B");
    page.signIn(token);
    assertEquals(20, page.sessions().size());
    assertEquals("Page 1 of 2", browser.find("#page-info").getText());
    assertFalse(browser.find("#page-newer").isDisplayed());
    browser.find("#page-older").click();
    browser.await("page 2", d -> browser.find("#page-info").getText().equals("Page 2 of 2"));
    assertEquals(List.of("Old topic 3", "Old topic 2", "Old topic 1"), page.sessionTitles());

    browser.find("#filters summary").click();
    new org.openqa.selenium.support.ui.Select(browser.find("#filter-model"))
        .selectByValue("gpt-4o");
    browser.await(
        "gpt-4o only",
        d -> page.sessionTitles().equals(List.of("Newest topic B", "Newest topic A")));
    String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
    setDate("#filter-from", tomorrow);
    browser.await(
        "nothing from tomorrow",
        d ->
            browser
                .find("#history-status")
                .getText()
                .equals("No conversation matches the filter."));
    setDate("#filter-from", LocalDate.now(ZoneOffset.UTC).toString());
    browser.await("today's again", d -> page.sessions().size() == 2);
    browser.find("#filter-clear").click();
    browser.await("all again", d -> page.sessions().size() == 20);

    page.sessions().get(1).findElement(By.cssSelector(".session-open")).click();
    browser.await(
        "the conversation",
        d -> browser.find("#conversation-title").getText().equals("Newest topic A"));
    assertEquals("Newest topic A", browser.find("#messages .message.user").getText());
    assertEquals("Echo: Newest topic A", text(page.lastReply()));
    assertEquals("completed", status(page.lastReply()));
  }

  /** Sets a date field as the picker would, firing the same input event. */
  private void setDate(String css, String isoDate) {
    browser.script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))",
        browser.find(css),
        isoDate);
  }

  private static void complete(String token, String model, String message) {
    Api.Reply reply =
        Api.post(
            "/v1/chat/stream",
            token,
            "{\"model\":\""
                + model
                + "\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\""
                + message
                + "\"}]}");
    assertEquals(200, reply.status(), reply::toString);
  }

  @Test
  void atTheRateLimitTheWaitCountsDownAndSendingWorksAgainAfterIt() {
    String free = Users.freeToken(Users.newSubject());
    page.signIn(free);
    // use up the window with a wait long enough to watch (the suite's window is 10 s)
    int retryAfter = exhaust(free);
    if (retryAfter < 4) {
      Chats.sleep(retryAfter * 1000L + 300);
      exhaust(free);
    }
    page.send("Are we there yet?");
    String counting =
        browser.await(
            "the countdown",
            d -> page.notice().contains("You can send again in") ? page.notice() : null);
    assertTrue(counting.startsWith("Limit reached: "), counting);
    assertFalse(browser.find("#send-button").isEnabled(), "sending waits");
    assertEquals(
        "Are we there yet?",
        page.composer().getAttribute("value"),
        "the message is back in the box");
    assertTrue(browser.findAll("#messages .message").isEmpty());
    int first = seconds(counting);
    browser.await(
        "the countdown going down",
        d -> {
          String now = page.notice();
          return now.contains("You can send again in") && seconds(now) < first;
        });
    browser.await(
        "the end of the wait",
        Duration.ofSeconds(15),
        d -> page.notice().equals("You can send again now."));
    assertTrue(browser.find("#send-button").isEnabled());
    page.composer().sendKeys(Keys.ENTER);
    page.awaitReply("completed");
  }

  /** Requests until the rate limit refuses; returns the refusal's Retry-After. */
  private static int exhaust(String token) {
    for (int i = 0; i < 25; i++) {
      Api.Reply reply = Api.get("/v1/me", token);
      if (reply.status() == 429) {
        return Integer.parseInt(reply.header("Retry-After").orElseThrow());
      }
    }
    throw new AssertionError("the free tier's limit never came");
  }

  private static int seconds(String notice) {
    Matcher m = Pattern.compile("send again in (\\d+) s").matcher(notice);
    assertTrue(m.find(), notice);
    return Integer.parseInt(m.group(1));
  }

  @Test
  void providerFailuresAndCapacityAreExplainedInPlainWords() throws InterruptedException {
    page.signIn(Users.token());

    String down = Chats.needle();
    upstream()
        .when(
            down,
            Script.tokens().failWithStatus(500, "{\"error\":{\"message\":\"upstream exploded\"}}"));
    page.send("Down? " + down);
    String failed =
        browser.await("the provider error", d -> page.notice().isEmpty() ? null : page.notice());
    assertTrue(failed.startsWith("The model provider failed: "), failed);
    assertEquals(
        "Down? " + down, page.composer().getAttribute("value"), "the message is back in the box");
    page.composer().clear();

    String slow = Chats.needle();
    upstream().when(slow, Script.tokens("late").initialDelayMillis(5000));
    page.send("Slow? " + slow);
    String timeout =
        browser.await("the timeout", d -> page.notice().isEmpty() ? null : page.notice());
    assertTrue(timeout.startsWith("The model provider did not answer in time: "), timeout);
    page.composer().clear();

    String cut = Chats.needle();
    upstream().when(cut, Script.tokens("Half", " a", " reply", " more").dropAfter(3));
    page.send("Cut? " + cut);
    WebElement reply = page.awaitReply("interrupted");
    assertEquals("Half a reply", text(reply));
    String words = reply.findElement(By.cssSelector(".reply-status")).getText();
    assertTrue(
        words.startsWith("Interrupted: ") && words.contains("The part that arrived is shown"),
        words);

    String hold = Chats.needle();
    upstream().when(hold, Script.tokens("hold", "never").hangAfter(1));
    int capacity = Integer.parseInt(System.getProperty("parley.it.max-open-streams", "10"));
    assertTrue(upstream().awaitOpenStreams(0, Browser.WAIT), "earlier streams are gone");
    List<SseClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < capacity; i++) {
        SseClient sse =
            SseClient.post("/v1/chat/stream", Users.token(), Chats.body("gpt-4", hold, null));
        open.add(sse);
        assertEquals("hold", sse.next(Browser.WAIT).data());
      }
      page.send("Room for me? " + Chats.needle());
      String full =
          browser.await(
              "the capacity refusal",
              d -> page.notice().contains("capacity") ? page.notice() : null);
      assertTrue(
          full.startsWith("Parley is at capacity: ") && full.contains("You can send again in"),
          full);
    } finally {
      open.forEach(SseClient::close);
    }
    awaitCapacity();
  }

  /** Waits until the held streams are gone and a new chat is accepted again. */
  private static void awaitCapacity() {
    long deadline = System.nanoTime() + Browser.WAIT.toNanos();
    int status = 0;
    while (System.nanoTime() < deadline && status != 200) {
      Chats.sleep(200);
      status =
          Api.post(
                  "/v1/chat/stream",
                  Users.token(),
                  "{\"model\":\"gpt-4\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"ok\"}]}")
              .status();
    }
    assertEquals(200, status, "capacity came back");
  }

  /**
   * A reload in the middle of a reply follows it on (the resume endpoint): the text that arrived,
   * then the rest live, to the end, exactly as stored.
   */
  @Test
  void aReloadInTheMiddleOfAReplyFollowsItToTheEnd() {
    String token = Users.token();
    String needle = Chats.needle();
    upstream()
        .when(
            needle,
            Script.tokens("One", " two", " three", " four", " five", " six").gapMillis(600));
    page.signIn(token);
    page.send(needle);
    browser.await("two tokens", d -> text(page.lastReply()).startsWith("One two"));
    long session = page.openSessionId();

    browser.driver().navigate().refresh();
    page.awaitReady();
    WebElement reply =
        browser.await(
            "the reply followed to its end",
            d ->
                page.replies().size() == 1 && "completed".equals(status(page.lastReply()))
                    ? page.lastReply()
                    : null);
    assertEquals("One two three four five six", text(reply));
    JsonObject stored = Chats.awaitLastMessage(token, session, m -> true);
    assertEquals("completed", stored.getString("status"));
    assertEquals("One two three four five six", stored.getString("content"));
  }

  @Test
  void htmlInMessagesAndRepliesIsShownAsTextNeverRun() {
    String needle = Chats.needle();
    upstream()
        .when(
            needle,
            Script.tokens(
                "Look: <img src=x onerror=\"window.pwned=3\">",
                " and <script>window.pwned=4</script>",
                " [click](javascript:window.pwned=5)",
                " ![pic](http://127.0.0.1:9/x.png)"));
    page.signIn(Users.token());
    String message =
        "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\"> " + needle;
    page.send(message);
    WebElement reply = page.awaitReply("completed");

    assertEquals(message, browser.find("#messages .message.user").getText());
    String shown = text(reply);
    assertTrue(shown.contains("<img src=x onerror=\"window.pwned=3\">"), shown);
    assertTrue(shown.contains("<script>window.pwned=4</script>"), shown);
    assertEquals(List.of(), browser.findAll("#messages img, #messages script, #messages iframe"));
    List<String> links =
        reply.findElements(By.cssSelector("a")).stream()
            .map(a -> String.valueOf(a.getAttribute("href")))
            .toList();
    assertTrue(links.stream().noneMatch(h -> h.startsWith("javascript")), links::toString);
    assertTrue(links.contains("http://127.0.0.1:9/x.png"), "the image is a link: " + links);
    assertNull(browser.script("return window.pwned"), "nothing ran");
  }

  @Test
  void worksOnA375PixelScreenWithTheHistoryAsADrawer() {
    browser.emulate(375, 740, "light");
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens(MARKDOWN.toArray(String[]::new)));
    page.signIn(Users.token());
    page.send("A long line " + "x".repeat(200) + " " + needle);
    page.awaitReply("completed");
    assertEquals(
        375L,
        browser.script("return document.documentElement.scrollWidth"),
        "no sideways scrolling");
    assertFalse(browser.find("#sidebar").isDisplayed(), "history is a drawer");

    WebElement toggle = browser.find("#history-toggle");
    toggle.click();
    browser.await("the drawer", d -> browser.find("#sidebar").isDisplayed());
    assertEquals("true", toggle.getAttribute("aria-expanded"));
    assertEquals(browser.find("#new-chat"), browser.driver().switchTo().activeElement());
    browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
    browser.await("the drawer closed", d -> !browser.find("#sidebar").isDisplayed());
    assertEquals(toggle, browser.driver().switchTo().activeElement());
  }

  @Test
  void everyControlHasANameAndDialogsWorkByKeyboard() {
    page.signIn(Users.token());
    @SuppressWarnings("unchecked")
    List<String> unnamed =
        (List<String>)
            browser.script(
                "return [...document.querySelectorAll('button, input, select, textarea')]"
                    + ".filter(e => e.type !== 'hidden')"
                    + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')"
                    + "  && !e.getAttribute('aria-labelledby') && !e.textContent.trim())"
                    + ".map(e => e.outerHTML.slice(0, 80))");
    assertEquals(List.of(), unnamed);

    WebElement opener = browser.find("#prompts-button");
    opener.sendKeys(Keys.ENTER);
    browser.await("the library", d -> browser.find("#prompts-dialog").isDisplayed());
    assertEquals(browser.find("#prompt-search"), browser.driver().switchTo().activeElement());
    browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
    browser.await("the library closed", d -> !browser.find("#prompts-dialog").isDisplayed());
    assertEquals(opener, browser.driver().switchTo().activeElement(), "focus back where it was");

    browser.find("#usage-button").sendKeys(Keys.ENTER);
    String usage = browser.awaitTextContaining("#usage-body", "Tier pro");
    assertTrue(usage.contains("requests left"), usage);
    assertTrue(usage.contains("tokens left today"), usage);
  }

  /** WCAG AA for normal text, computed from the rendered colours of every visible text. */
  @Test
  void textContrastIsAtLeast4point5ToOneInBothColourSchemes() {
    String needle = Chats.needle();
    upstream().when(needle, Script.tokens(SHOWCASE.toArray(String[]::new)));
    String token = Users.token();
    complete(token, "gpt-4o", "An earlier conversation");
    page.signIn(token);
    page.send("Show me " + needle);
    page.awaitReply("completed");
    for (String scheme : List.of("light", "dark")) {
      browser.emulate(1280, 800, scheme);
      assertEquals(List.of(), lowContrast(), scheme);
      page.openDialog("usage-button", "usage-dialog");
      browser.awaitTextContaining("#usage-body", "Tier pro");
      assertEquals(List.of(), lowContrast(), scheme + ", usage panel");
      browser.find("#usage-dialog [data-close]").click();
    }
  }

  /** Visible texts whose colour has less than 4.5:1 contrast with the background behind them. */
  @SuppressWarnings("unchecked")
  private List<String> lowContrast() {
    return (List<String>)
        browser.script(
            """
            const rgba = (c) => c.match(/[\\d.]+/g).map(Number);
            const lum = ([r, g, b]) => {
              const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
              return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
            };
            const background = (element) => {
              for (let e = element; e; e = e.parentElement) {
                const c = rgba(getComputedStyle(e).backgroundColor);
                if (c.length < 4 || c[3] === 1) return c;
              }
              return [255, 255, 255];
            };
            const scope = document.querySelector('dialog[open]') ?? document.getElementById('app');
            return [...scope.querySelectorAll('*')]
              .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
              .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility === 'visible')
              .filter((e) => !e.closest('.visually-hidden, :disabled'))
              .map((e) => {
                const [a, b] = [lum(rgba(getComputedStyle(e).color)), lum(background(e))];
                const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                return [ratio, `${e.tagName}.${e.className} "${e.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`];
              })
              .filter(([ratio]) => ratio < 4.5)
              .map(([, what]) => what);
            """);
  }

  /**
   * The main views, light and dark, desktop and 375 px wide, as PNG files: always under {@code
   * target/it/screenshots}, and also where {@code -Dparley.it.screenshots=<dir>} says
   * (docs/web-page.md's come from {@code -Dparley.it.screenshots=$PWD/docs/screenshots}).
   */
  @Test
  void screenshotsOfTheMainViews() throws IOException {
    String token = Users.token();
    complete(token, "gpt-4o", "Translate the onboarding email into French");
    complete(token, "gpt-3.5-turbo", "Summarize the incident report of Tuesday");
    String question = "How does Parley stream a reply to the page?";
    upstream().when(question, Script.tokens(SHOWCASE.toArray(String[]::new)).usage(38, 112));
    page.signIn(token);
    page.chooseModel("gpt-4");
    page.send(question);
    page.awaitReply("completed");
    browser.awaitTextContaining(LAST_REPLY_FOOTER, "tokens (");
    page.composer().sendKeys("And how does the stop button work?");

    for (String scheme : List.of("light", "dark")) {
      browser.emulate(1280, 800, scheme);
      screenshot("conversation-desktop-" + scheme, 1280, 800);
      browser.emulate(375, 812, scheme);
      // the history turned into a drawer slides out: hidden once it is out of sight
      browser.await("the drawer out of sight", d -> !browser.find("#sidebar").isDisplayed());
      screenshot("conversation-narrow-" + scheme, 375, 812);
    }
    // still highlighted after every frame that the last tokens scheduled
    WebElement code = page.lastReply().findElement(By.cssSelector(".code-block pre code"));
    assertFalse(code.findElements(By.cssSelector("span[class^='hljs-']")).isEmpty());
    browser.find("#history-toggle").click();
    browser.await(
        "the drawer in",
        d ->
            "none"
                .equals(
                    browser.script(
                        "return getComputedStyle(arguments[0]).transform",
                        browser.find("#sidebar"))));
    screenshot("history-narrow-dark", 375, 812);
    browser.find("#history-toggle").sendKeys(Keys.ESCAPE);

    browser.emulate(1280, 800, "light");
    page.openDialog("library-button", "prompts-dialog");
    browser.find("#prompt-search").sendKeys("translator");
    browser.await("the template", d -> browser.findAll("#prompt-list .prompt-item").size() == 1);
    browser.find("#prompt-list .prompt-item").click();
    browser.find("#var-target_language").sendKeys("French");
    browser.find("#var-text").sendKeys("Welcome to the team! Your first week starts on Monday.");
    browser.awaitTextContaining("#prompt-preview", "tokens");
    screenshot("prompts-desktop-light", 1280, 800);
    browser.emulate(375, 812, "dark");
    screenshot("prompts-narrow-dark", 375, 812);
    browser.find("#prompts-dialog [data-close]").click();

    browser.emulate(1280, 800, "dark");
    page.openDialog("documents-button", "documents-dialog");
    Path dir = Files.createTempDirectory("parley-shots");
    browser
        .find("#file-input")
        .sendKeys(
            file(
                    dir,
                    "release-plan.pdf",
                    Pdfs.pages("Release plan", List.of("Week 1: freeze.", "Week 2: ship.")))
                .toString());
    awaitUploadResult("release-plan.pdf");
    screenshot("documents-desktop-dark", 1280, 800);
    browser.find("#documents-dialog [data-close]").click();

    browser.emulate(1280, 800, "light");
    browser.find("#usage-button").click();
    browser.awaitTextContaining("#usage-body", "Tier pro");
    screenshot("usage-desktop-light", 1280, 800);
    browser.find("#usage-dialog [data-close]").click();

    page.openSignedOut();
    screenshot("sign-in-desktop-light", 1280, 800);
    browser.emulate(375, 812, "dark");
    screenshot("sign-in-narrow-dark", 375, 812);
  }

  /** The showcase reply of the screenshots. */
  static final List<String> SHOWCASE =
      List.of(
          "Parley relays the provider's tokens **as they arrive**: ",
          "each one is a Server-Sent Event, and the page reads them with `fetch`.\n\n",
          "| step | where |\n|---|---|\n",
          "| user message stored | before the provider is called |\n",
          "| text checkpointed | every 2 s while streaming |\n",
          "| reply stored | before `[DONE]` |\n\n",
          "```js\n",
          "const reply = await readReply(response, (token) => view.append(token));\n",
          "if (reply.ended === 'error') view.finish('interrupted', reply.detail);\n",
          "```\n\n",
          "Stopping closes the connection; Parley cancels the provider call and keeps the text so far.");

  private void screenshot(String name, int width, int height) throws IOException {
    assertEquals(
        (long) width,
        browser.script("return document.documentElement.scrollWidth"),
        name + ": no sideways scrolling");
    byte[] png = browser.screenshot();
    java.awt.image.BufferedImage image =
        javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
    assertEquals(width, image.getWidth(), name);
    assertEquals(height, image.getHeight(), name);
    List<Path> dirs = new ArrayList<>();
    dirs.add(Path.of(System.getProperty("parley.it.dir"), "screenshots"));
    String extra = System.getProperty("parley.it.screenshots");
    if (extra != null && !extra.isBlank()) {
      dirs.add(Path.of(extra));
    }
    for (Path dir : dirs) {
      Files.createDirectories(dir);
      Files.write(dir.resolve(name + ".png"), png);
    }
  }
}
