package dev.parley.platform.logging;

/**
 * The request id and start time of the request the current thread serves, set by {@link
 * AccessLogFilter} for the request thread. Work handed to other threads (a stream's pump) does not
 * carry it.
 */
public final class RequestContext {

  private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

  private final String requestId;
  private final long startNanos;

  RequestContext(String requestId, long startNanos) {
    this.requestId = requestId;
    this.startNanos = startNanos;
  }

  /** The current request's id, or null outside a request. */
  public static String requestId() {
    RequestContext current = CURRENT.get();
    return current == null ? null : current.requestId;
  }

  /**
   * When the current request arrived ({@link System#nanoTime()}), or now outside a request: the
   * start of time to first token.
   */
  public static long startNanos() {
    RequestContext current = CURRENT.get();
    return current == null ? System.nanoTime() : current.startNanos;
  }

  static void enter(RequestContext context) {
    CURRENT.set(context);
  }

  static void leave() {
    CURRENT.remove();
  }
}
