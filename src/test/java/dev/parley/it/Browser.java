package dev.parley.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by Selenium through the system's {@code chromedriver}: the Debian
 * packages {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them). Nothing is
 * downloaded at test time: with the driver's path given, Selenium Manager never runs.
 */
final class Browser implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(20);

  private static final String CHROMIUM =
      System.getProperty("parley.it.chromium", "/usr/bin/chromium");
  private static final String CHROMEDRIVER =
      System.getProperty("parley.it.chromedriver", "/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts Chromium, failing with what to install when it is missing. */
  static Browser start() {
    for (String file : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(Path.of(file))) {
        fail(
            file
                + " is missing: the browser tests of the chat page need Debian's chromium and"
                + " chromium-driver (apt-get install -y chromium chromium-driver; .ci/run installs"
                + " them)");
      }
    }
    // Selenium warns that it has no DevTools binding for this Chromium: only WebDriver is used
    Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
    Path profile;
    try {
      profile = Files.createTempDirectory("parley-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    // as root, on a machine whose network is closed: no sandbox, and no calls home
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--lang=en-US",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
            .withLogOutput(java.io.OutputStream.nullOutputStream())
            .build();
    return new Browser(new ChromeDriver(service, options), profile);
  }

  WebDriver driver() {
    return driver;
  }

  /** Window size and colour scheme as a device would report them. */
  void emulate(int width, int height, String colorScheme) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", colorScheme))));
  }

  /** Waits until {@code condition} returns a value that is neither null nor false. */
  <T> T await(String what, Function<WebDriver, T> condition) {
    return await(what, WAIT, condition);
  }

  /**
   * On timeout the page's text is in the failure and a screenshot of it under {@code
   * target/it/failures}.
   */
  <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, timeout, Duration.ofMillis(50))
          .withMessage(what)
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(condition);
    } catch (org.openqa.selenium.TimeoutException e) {
      String page = String.valueOf(script("return document.body.innerText"));
      try {
        Path dir =
            Files.createDirectories(Path.of(System.getProperty("parley.it.dir"), "failures"));
        Files.write(dir.resolve(what.replaceAll("[^A-Za-z0-9]+", "-") + ".png"), screenshot());
      } catch (IOException | RuntimeException ignored) {
        // the failure below is what matters
      }
      throw new AssertionError(
          "timed out waiting for "
              + what
              + "; the page shows:\n"
              + page.substring(0, Math.min(page.length(), 3000)),
          e);
    }
  }

  /** Waits until the element's text is {@code expected}; on timeout, fails showing the text. */
  void awaitText(String css, String expected) {
    try {
      await(css + " showing " + expected, d -> find(css).getText().equals(expected));
    } catch (AssertionError e) {
      org.junit.jupiter.api.Assertions.assertEquals(expected, find(css).getText(), css);
      throw e;
    }
  }

  /** Waits until the element's text contains {@code fragment}, and returns the text. */
  String awaitTextContaining(String css, String fragment) {
    return await(
        css + " containing " + fragment,
        d -> {
          String text = find(css).getText();
          return text.contains(fragment) ? text : null;
        });
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  Object script(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** Browser console entries since the last call. */
  List<LogEntry> console() {
    return driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  byte[] screenshot() {
    return driver.getScreenshotAs(OutputType.BYTES);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException ignored) {
        // a temporary directory
      }
    }
  }
}
