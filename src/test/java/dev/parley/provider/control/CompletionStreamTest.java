package dev.parley.provider.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.errors.BadRequest;
import dev.parley.platform.errors.ParleyException;
import dev.parley.platform.errors.ProviderFailed;
import dev.parley.platform.errors.ProviderTimeout;
import dev.parley.provider.entity.Answer;
import dev.parley.provider.entity.ModelDescriptor;
import dev.parley.provider.entity.ProviderKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Fallback before the first token, and never after it. */
class CompletionStreamTest {

  static final List<ModelDescriptor> CHAIN =
      List.of(model("a", "p1"), model("b", "p2"), model("c", "p3"));

  static ModelDescriptor model(String name, String provider) {
    return new ModelDescriptor(name, name + "-id", provider, ProviderKind.OPENAI, false, List.of());
  }

  static String tokens(String... tokens) {
    StringBuilder sse = new StringBuilder();
    for (String token : tokens) {
      sse.append("data: {\"choices\":[{\"delta\":{\"content\":\"")
          .append(token)
          .append("\"}}]}\n\n");
    }
    return sse.append("data: [DONE]\n\n").toString();
  }

  static EventStream events(String sse) {
    return new EventStream(
        new ByteArrayInputStream(sse.getBytes(StandardCharsets.UTF_8)),
        Decoder.openAi(),
        Duration.ofSeconds(1));
  }

  /** Scripted models: each name opens with its supplier (which may throw). */
  static final class Script implements CompletionStream.Opener {
    final Map<String, Supplier<EventStream>> models = new HashMap<>();
    final List<String> opened = new ArrayList<>();
    final List<Boolean> mayFallBack = new ArrayList<>();

    Script on(String model, Supplier<EventStream> open) {
      models.put(model, open);
      return this;
    }

    @Override
    public EventStream open(ModelDescriptor model, boolean fallBack) {
      opened.add(model.name());
      mayFallBack.add(fallBack);
      return models.get(model.name()).get();
    }
  }

  static String drain(CompletionStream stream) {
    StringBuilder text = new StringBuilder();
    var chunk = stream.next();
    while (chunk != null) {
      if (chunk.hasContent()) {
        text.append(chunk.content());
      }
      chunk = stream.next();
    }
    return text.toString();
  }

  @Test
  void theRequestedModelAnswersWhenItCan() {
    Script script = new Script().on("a", () -> events(tokens("hi")));
    List<Answer.Skipped> skips = new ArrayList<>();
    CompletionStream stream = CompletionStream.open(CHAIN, script, skips::add);
    assertEquals("hi", drain(stream));
    assertEquals(new Answer("a", "p1", List.of()), stream.answer());
    assertEquals(List.of("a"), script.opened);
    assertEquals(List.of(true), script.mayFallBack, "a has models after it");
    assertTrue(skips.isEmpty());
  }

  @Test
  void refusedConnectionsAndServerErrorsFallBackAtOpen() {
    Script script =
        new Script()
            .on(
                "a",
                () -> {
                  throw new ProviderUnavailable("cannot connect to the model provider");
                })
            .on(
                "b",
                () -> {
                  throw ProviderErrors.forStatus(529);
                })
            .on("c", () -> events(tokens("from", " c")));
    List<Answer.Skipped> skips = new ArrayList<>();
    CompletionStream stream = CompletionStream.open(CHAIN, script, skips::add);
    assertEquals("from c", drain(stream));
    Answer answer = stream.answer();
    assertEquals("c", answer.model());
    assertEquals(
        List.of(
            new Answer.Skipped("a", "p1", "cannot connect to the model provider"),
            new Answer.Skipped("b", "p2", "the model provider is overloaded (HTTP 529)")),
        answer.skipped());
    assertEquals(answer.skipped(), skips);
    assertEquals(List.of(true, true, false), script.mayFallBack, "the last has no fallback");
  }

  @Test
  void rateLimitingFallsBackButARejectedRequestDoesNot() {
    Script limited =
        new Script()
            .on(
                "a",
                () -> {
                  throw ProviderErrors.forStatus(429);
                })
            .on("b", () -> events(tokens("ok")));
    assertEquals("ok", drain(CompletionStream.open(CHAIN, limited, s -> {})));

    Script rejected =
        new Script()
            .on(
                "a",
                () -> {
                  throw ProviderErrors.forStatus(400);
                })
            .on("b", () -> events(tokens("never")));
    ParleyException failure =
        assertThrows(ParleyException.class, () -> CompletionStream.open(CHAIN, rejected, s -> {}));
    assertEquals(502, failure.status());
    assertEquals(List.of("a"), rejected.opened);
  }

  @Test
  void silenceAndABrokenStreamBeforeTheFirstTokenFallBackOnTheReadingThread() {
    Script script =
        new Script()
            .on(
                "a",
                () -> {
                  EventStream silent = events(tokens("never"));
                  silent.expire(Duration.ofMillis(200)); // the watchdog fired: no first token
                  return silent;
                })
            .on("b", () -> events("data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n"))
            .on("c", () -> events(tokens("late", " but", " fine")));
    CompletionStream stream = CompletionStream.open(CHAIN, script, s -> {});
    assertEquals("a", stream.answer().model(), "open returned with a's response");
    assertEquals("late but fine", drain(stream));
    Answer answer = stream.answer();
    assertEquals("c", answer.model());
    assertTrue(
        answer.skipped().get(0).reason().contains("no token within 200 ms"), answer::toString);
    assertTrue(answer.skipped().get(1).reason().contains("ended before"), answer::toString);
  }

  @Test
  void neverAfterTheFirstToken() {
    Script script =
        new Script()
            .on("a", () -> events("data: {\"choices\":[{\"delta\":{\"content\":\"par\"}}]}\n\n"))
            .on("b", () -> events(tokens("never")));
    CompletionStream stream = CompletionStream.open(CHAIN, script, s -> {});
    assertEquals("par", stream.next().content());
    ProviderFailed failure = assertThrows(ProviderFailed.class, stream::next);
    assertTrue(failure.detail().contains("ended before"), failure::detail);
    assertEquals(List.of("a"), script.opened, "no second answer spliced onto the first");
  }

  @Test
  void whenEveryModelFailsTheLastFailureNamesTheSkippedOnes() {
    Script script =
        new Script()
            .on(
                "a",
                () -> {
                  throw ProviderErrors.forStatus(503);
                })
            .on(
                "b",
                () -> {
                  throw new ProviderUnavailable("cannot connect to the model provider");
                })
            .on(
                "c",
                () -> {
                  throw ProviderErrors.forStatus(504);
                });
    ParleyException failure =
        assertThrows(ParleyException.class, () -> CompletionStream.open(CHAIN, script, s -> {}));
    assertTrue(failure instanceof ProviderTimeout, "the last failure's kind: 504");
    assertEquals(
        "the model provider timed out (HTTP 504) (after falling back from a: the model provider"
            + " failed (HTTP 503); b: cannot connect to the model provider)",
        failure.detail());
  }

  @Test
  void aRequestTheRequestedModelCannotTakeIsTheClientsButAFallbackThatCannotIsSkipped() {
    Script primary =
        new Script()
            .on(
                "a",
                () -> {
                  throw new BadRequest("n has no translation for Anthropic");
                });
    assertEquals(
        400,
        assertThrows(BadRequest.class, () -> CompletionStream.open(CHAIN, primary, s -> {}))
            .status());

    Script fallback =
        new Script()
            .on(
                "a",
                () -> {
                  throw ProviderErrors.forStatus(500);
                })
            .on(
                "b",
                () -> {
                  throw new BadRequest("tools cannot go there");
                })
            .on("c", () -> events(tokens("c")));
    CompletionStream stream = CompletionStream.open(CHAIN, fallback, s -> {});
    assertEquals("c", drain(stream));
    assertEquals("tools cannot go there", stream.answer().skipped().get(1).reason());
  }

  @Test
  void closingEndsTheStreamAndAnyFallback() {
    InputStream blocked =
        new InputStream() {
          volatile boolean closed;

          @Override
          public int read() throws IOException {
            while (!closed) {
              Thread.onSpinWait();
            }
            throw new IOException("closed");
          }

          @Override
          public void close() {
            closed = true;
          }
        };
    Script script =
        new Script()
            .on("a", () -> new EventStream(blocked, Decoder.openAi(), Duration.ofSeconds(5)))
            .on("b", () -> events(tokens("never")));
    CompletionStream stream = CompletionStream.open(CHAIN, script, s -> {});
    new Thread(stream::close).start();
    assertThrows(ProviderFailed.class, stream::next);
    assertTrue(stream.isClosed());
    assertEquals(List.of("a"), script.opened);
  }

  @Test
  void aSingleStreamWithoutChainReadsAsBefore() {
    CompletionStream single =
        new CompletionStream(
            new ByteArrayInputStream(tokens("x").getBytes(StandardCharsets.UTF_8)),
            Duration.ofSeconds(1));
    assertEquals("x", single.next().content());
    assertNull(single.next());
    assertFalse(single.answer().fellBack());
  }
}
