package dev.parley.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Shared pieces of the fuzz tests: the time every parser gets per input, and the mutations applied
 * to valid inputs (the same ones over HTTP and in unit tests, seeded so a failure reproduces).
 */
public final class Fuzz {

  /** Far above any real parse of a 1 MB input; an endless loop fails here instead of hanging. */
  public static final Duration PER_INPUT = Duration.ofSeconds(2);

  private Fuzz() {}

  /** Runs {@code work} on another thread and fails if it takes longer than {@link #PER_INPUT}. */
  public static <T> T terminates(ThrowingSupplier<T> work) {
    return terminates(PER_INPUT, work);
  }

  /** Runs {@code work} on another thread and fails if it takes longer than {@code limit}. */
  public static <T> T terminates(Duration limit, ThrowingSupplier<T> work) {
    return assertTimeoutPreemptively(limit, work);
  }

  /**
   * Every proper prefix of {@code text}, shortest first (the truncations a cut connection makes).
   */
  public static List<String> prefixes(String text) {
    List<String> prefixes = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      prefixes.add(text.substring(0, i));
    }
    return prefixes;
  }

  /**
   * {@code count} mutations of {@code valid}, each 1-4 random edits: a byte flipped, inserted,
   * deleted or duplicated, or a JSON-significant character inserted. Deterministic for a seed.
   */
  public static List<byte[]> mutations(String valid, long seed, int count) {
    byte[] original = valid.getBytes(StandardCharsets.UTF_8);
    byte[] significant = "{}[]\":,\\ 0-e.tfn".getBytes(StandardCharsets.UTF_8);
    Random random = new Random(seed);
    List<byte[]> mutants = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      List<Byte> bytes = new ArrayList<>();
      for (byte b : original) {
        bytes.add(b);
      }
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits; e++) {
        int at = bytes.isEmpty() ? 0 : random.nextInt(bytes.size());
        switch (random.nextInt(5)) {
          case 0 -> {
            if (!bytes.isEmpty()) {
              bytes.set(at, (byte) (bytes.get(at) ^ (1 << random.nextInt(8))));
            }
          }
          case 1 -> bytes.add(at, (byte) random.nextInt(256));
          case 2 -> {
            if (!bytes.isEmpty()) {
              bytes.remove(at);
            }
          }
          case 3 -> {
            if (!bytes.isEmpty()) {
              bytes.add(at, bytes.get(at));
            }
          }
          default -> bytes.add(at, significant[random.nextInt(significant.length)]);
        }
      }
      byte[] mutant = new byte[bytes.size()];
      for (int i = 0; i < mutant.length; i++) {
        mutant[i] = bytes.get(i);
      }
      mutants.add(mutant);
    }
    return mutants;
  }
}
