package dev.parley.platform.logging;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Request ids: a caller's {@code X-Request-Id} is kept when it is safe to echo and log (1 to 128
 * letters, digits and {@code - _ . : @ / + =}: no spaces, quotes or line breaks that could forge a
 * log line); anything else is replaced by a generated UUID.
 */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";

  static final int MAX_LENGTH = 128;
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1," + MAX_LENGTH + "}");

  private RequestIds() {}

  /** The given id if it is acceptable, else a new one. */
  public static String acceptOrGenerate(String given) {
    return isAcceptable(given) ? given : generate();
  }

  static boolean isAcceptable(String id) {
    return id != null && SAFE.matcher(id).matches();
  }

  /** A random (version 4) UUID without the lock of {@link UUID#randomUUID()}'s SecureRandom. */
  static String generate() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
