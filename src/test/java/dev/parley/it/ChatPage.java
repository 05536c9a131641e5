package dev.parley.it;

import java.util.List;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The chat page as a user works it: what {@link WebPageTests} click, type and read. */
final class ChatPage {

  private final Browser browser;

  ChatPage(Browser browser) {
    this.browser = browser;
  }

  String url() {
    return Api.uri("").toString();
  }

  /** A fresh tab state: no token, no open conversation. */
  void openSignedOut() {
    browser.driver().get(url());
    browser.script("sessionStorage.clear()");
    browser.driver().get(url());
    browser.await("the sign-in form", d -> browser.find("#token-input").isDisplayed());
  }

  /** Signs in and waits until models and history are loaded. */
  void signIn(String token) {
    openSignedOut();
    browser.find("#token-input").sendKeys(token, Keys.ENTER);
    awaitReady();
  }

  void awaitReady() {
    browser.await("the app after sign-in", d -> browser.find("#app").isDisplayed());
    browser.await(
        "models and history loaded",
        d ->
            browser.find("#model-picker").isEnabled()
                && (!browser.findAll("#session-list li").isEmpty()
                    // textContent: on a narrow screen the history is a closed drawer
                    || !browser.find("#history-status").getDomProperty("textContent").isEmpty()));
  }

  WebElement composer() {
    return browser.find("#composer-input");
  }

  /** Types a message and sends it with Enter. */
  void send(String text) {
    composer().sendKeys(text, Keys.ENTER);
  }

  void chooseModel(String model) {
    new Select(browser.find("#model-picker")).selectByValue(model);
  }

  List<WebElement> replies() {
    return browser.findAll("#messages .message.assistant");
  }

  /** The newest reply, waiting for it to appear. */
  WebElement lastReply() {
    return browser.await(
        "a reply",
        d -> {
          List<WebElement> replies = replies();
          return replies.isEmpty() ? null : replies.get(replies.size() - 1);
        });
  }

  static String status(WebElement reply) {
    return reply.getAttribute("data-status");
  }

  static String text(WebElement reply) {
    return reply.findElement(org.openqa.selenium.By.cssSelector(".markdown")).getText();
  }

  /** Waits until the newest reply has this status, and returns it. */
  WebElement awaitReply(String status) {
    return browser.await(
        "the last reply " + status,
        d -> {
          WebElement reply = lastReply();
          return status.equals(status(reply)) ? reply : null;
        });
  }

  List<WebElement> sessions() {
    return browser.findAll("#session-list li");
  }

  /** Read in one go: the list is drawn again whenever the history is reloaded. */
  @SuppressWarnings("unchecked")
  List<String> sessionTitles() {
    return (List<String>)
        browser.script(
            "return [...document.querySelectorAll('#session-list .session-title')]"
                + ".map(e => e.textContent)");
  }

  /** The conversation the page has open (it keeps the id in the tab for a reload). */
  long openSessionId() {
    return Long.parseLong(
        String.valueOf(browser.script("return sessionStorage.getItem('parley.session')")));
  }

  String notice() {
    WebElement notice = browser.find("#notice");
    return notice.isDisplayed() ? browser.find("#notice-text").getText() : "";
  }

  void openDialog(String buttonId, String dialogId) {
    browser.find("#" + buttonId).click();
    browser.await(dialogId + " open", d -> browser.find("#" + dialogId).isDisplayed());
  }
}
