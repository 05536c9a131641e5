package dev.parley.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Property-based checks without a library: a property runs against many generated inputs from a
 * fixed seed, so a failure names its input and the try, and reproduces from the test alone. (jqwik
 * was tried first; its maintainers ask AI agents, which write much of this code, not to use it.)
 *
 * <pre>
 * Property.forAll(13, 2000, Gen.bytes(0, 64), body -> assertParsesOrRefuses(body));
 * </pre>
 */
public final class Property {

  private Property() {}

  /** A generator of inputs from a random source. */
  @FunctionalInterface
  public interface Gen<T> {

    T next(Random random);

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
      return random -> f.apply(next(random));
    }

    /** Bytes of any value, {@code min} to {@code max} long; short ones more often. */
    static Gen<byte[]> bytes(int min, int max) {
      return random -> {
        byte[] bytes = new byte[length(random, min, max)];
        random.nextBytes(bytes);
        return bytes;
      };
    }

    /**
     * Strings of any UTF-16 content up to {@code max} characters: ASCII, control characters, other
     * planes, lone surrogates and the characters parsers care about.
     */
    static Gen<String> strings(int max) {
      return random -> {
        int length = length(random, 0, max);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
          text.append(character(random));
        }
        return text.toString();
      };
    }

    /** Letters only, {@code min} to {@code max} long (names, keys). */
    static Gen<String> letters(int min, int max) {
      return random -> {
        int length = length(random, min, max);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
          char c = (char) ('a' + random.nextInt(26));
          text.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return text.toString();
      };
    }

    /** Decimal numbers with up to {@code scale} fraction digits, of any magnitude up to 1e12. */
    static Gen<BigDecimal> decimals(int scale) {
      return random ->
          BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000L, random.nextInt(scale + 1));
    }

    /** One of the given values. */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
      return random -> values[random.nextInt(values.length)];
    }

    /** One of the given generators, each as likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... generators) {
      return random -> generators[random.nextInt(generators.length)].next(random);
    }

    /** Lists of {@code element} up to {@code max} long. */
    static <T> Gen<List<T>> lists(Gen<T> element, int max) {
      return random -> {
        int size = length(random, 0, max);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          list.add(element.next(random));
        }
        return list;
      };
    }

    /** Maps of up to {@code max} entries (fewer when keys repeat). */
    static <K, V> Gen<Map<K, V>> maps(Gen<K> keys, Gen<V> values, int max) {
      return random -> {
        int size = length(random, 0, max);
        Map<K, V> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
          map.put(keys.next(random), values.next(random));
        }
        return map;
      };
    }

    /**
     * Values built by {@code recursive} from smaller ones, at most {@code depth} levels deep,
     * bottoming out in {@code leaf}.
     */
    static <T> Gen<T> recursive(
        Gen<T> leaf, Function<Gen<T>, Gen<? extends T>> recursive, int depth) {
      if (depth <= 0) {
        return leaf;
      }
      Gen<T> smaller = recursive(leaf, recursive, depth - 1);
      Gen<? extends T> composite = recursive.apply(smaller);
      return random -> random.nextInt(3) == 0 ? leaf.next(random) : composite.next(random);
    }

    private static int length(Random random, int min, int max) {
      // a third of the tries short (edge cases), the rest spread over the whole range
      int span = max - min;
      return min
          + (random.nextInt(3) == 0
              ? random.nextInt(Math.min(span, 4) + 1)
              : random.nextInt(span + 1));
    }

    private static char character(Random random) {
      return switch (random.nextInt(6)) {
        case 0 -> (char) random.nextInt(0x20); // control characters, NUL included
        case 1 -> "{}[]\":,\\/ -+.eE0123456789tfnul\r\n\t".charAt(random.nextInt(33));
        case 2 -> (char) (0xD800 + random.nextInt(0x800)); // surrogates, paired or not
        case 3 -> (char) (0x80 + random.nextInt(0x780)); // Latin-1 and beyond
        default -> (char) (0x20 + random.nextInt(0x5F)); // printable ASCII
      };
    }
  }

  /**
   * Checks {@code property} against {@code tries} inputs from {@code generator}, generated from
   * {@code seed}; a failure names the try and the input.
   */
  public static <T> void forAll(long seed, int tries, Gen<T> generator, Consumer<T> property) {
    Random random = new Random(seed);
    for (int i = 1; i <= tries; i++) {
      T input = generator.next(random);
      try {
        property.accept(input);
      } catch (AssertionError | RuntimeException failed) {
        throw new AssertionError(
            "property failed at try " + i + " of seed " + seed + " for input " + describe(input),
            failed);
      }
    }
  }

  private static String describe(Object input) {
    String text =
        input instanceof byte[] bytes ? java.util.Arrays.toString(bytes) : String.valueOf(input);
    return text.length() <= 2_000
        ? text
        : text.substring(0, 2_000) + "... (" + text.length() + " chars)";
  }
}
