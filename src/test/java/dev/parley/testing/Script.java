package dev.parley.testing;

import java.util.List;
import java.util.Objects;

/**
 * What {@link FakeUpstream} does with one chat completion request: which tokens it sends, how fast,
 * and how the response ends.
 *
 * <p>Immutable: every configuration method returns a new instance, so a script can be shared
 * between rules and threads.
 */
public final class Script {

  static final int UNSET = -1;

  private List<String> tokens;
  private long initialDelayMillis;
  private long gapMillis;
  private int failStatus = UNSET;
  private String failBody = "";
  private int dropAfter = UNSET;
  private int hangAfter = UNSET;
  private int promptTokens = UNSET;
  private int completionTokens = UNSET;
  private boolean usageDisabled;
  private String finishReason = "stop";
  private byte[] garbage;
  private boolean endlessGarbage;
  private String errorEvent;
  private ToolCall toolCall;

  /** A tool call the model makes after its text tokens (arguments: JSON text). */
  public record ToolCall(String id, String name, String arguments) {}

  private Script(List<String> tokens) {
    this.tokens = tokens;
  }

  /** A script that answers with the given tokens, without delays, finishing with "stop". */
  public static Script tokens(String... tokens) {
    return new Script(List.of(tokens));
  }

  /**
   * After the tokens, send these raw bytes as the rest of the event stream (a truncated chunk, a
   * huge line, binary) and end the response: what a broken provider or proxy sends.
   */
  public Script thenGarbage(byte[] bytes) {
    Script copy = copy();
    copy.garbage = bytes.clone();
    return copy;
  }

  /**
   * After the tokens, report an error inside the stream and end it: Anthropic's {@code event:
   * error} with this error type (e.g. {@code overloaded_error}), or for OpenAI a {@code data:}
   * chunk holding an {@code error} object.
   */
  public Script thenErrorEvent(String type) {
    Script copy = copy();
    copy.errorEvent = Objects.requireNonNull(type, "type");
    return copy;
  }

  /**
   * After the text tokens, call a tool: OpenAI {@code tool_calls} pieces or an Anthropic {@code
   * tool_use} block (its arguments in two parts), finishing with {@code tool_calls} / {@code
   * tool_use}.
   */
  public Script thenToolCall(String id, String name, String arguments) {
    Script copy = copy();
    copy.toolCall = new ToolCall(id, name, arguments);
    copy.finishReason = "tool_calls";
    return copy;
  }

  /** After the tokens, send bytes without a newline until the client gives up. */
  public Script thenEndlessLine() {
    Script copy = copy();
    copy.endlessGarbage = true;
    return copy;
  }

  /** Pause before the response headers are sent (streaming and non-streaming). */
  public Script initialDelayMillis(long millis) {
    requireNonNegative(millis, "initialDelayMillis");
    Script copy = copy();
    copy.initialDelayMillis = millis;
    return copy;
  }

  /** Pause before each streamed token, the first one included. */
  public Script gapMillis(long millis) {
    requireNonNegative(millis, "gapMillis");
    Script copy = copy();
    copy.gapMillis = millis;
    return copy;
  }

  /**
   * Respond with this HTTP status and JSON body instead of a completion (after the initial delay,
   * if any); the request is answered the same way whether it asked for a stream or not.
   */
  public Script failWithStatus(int status, String body) {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("status must be 200..599: " + status);
    }
    Script copy = copy();
    copy.failStatus = status;
    copy.failBody = Objects.requireNonNull(body, "body");
    return copy;
  }

  /**
   * Stream {@code n} tokens, then close the TCP connection without the finishing chunk, the usage
   * chunk, {@code [DONE]} or the terminating zero-length HTTP chunk. The close comes {@code
   * gapMillis} (at least 100 ms) after the last token. A non-streaming request gets its connection
   * closed before any response byte is sent.
   */
  public Script dropAfter(int n) {
    requireNonNegative(n, "dropAfter");
    Script copy = copy();
    copy.dropAfter = n;
    return copy;
  }

  /**
   * Stream {@code n} tokens, then send no more data until the client disconnects or the upstream
   * closes. While hanging, the stream carries an SSE comment line every 200 ms (see {@link
   * FakeUpstream}). A non-streaming request gets no response headers at all.
   */
  public Script hangAfter(int n) {
    requireNonNegative(n, "hangAfter");
    Script copy = copy();
    copy.hangAfter = n;
    return copy;
  }

  /** Usage to report instead of the default (words in all messages, number of tokens). */
  public Script usage(int promptTokens, int completionTokens) {
    requireNonNegative(promptTokens, "promptTokens");
    requireNonNegative(completionTokens, "completionTokens");
    Script copy = copy();
    copy.promptTokens = promptTokens;
    copy.completionTokens = completionTokens;
    copy.usageDisabled = false;
    return copy;
  }

  /** Never report usage, not even when the request asks for it. */
  public Script withoutUsage() {
    Script copy = copy();
    copy.usageDisabled = true;
    return copy;
  }

  /** The {@code finish_reason} of the last choice chunk; "stop" unless set. */
  public Script finishReason(String reason) {
    Script copy = copy();
    copy.finishReason = Objects.requireNonNull(reason, "reason");
    return copy;
  }

  List<String> tokenList() {
    return tokens;
  }

  String text() {
    return String.join("", tokens);
  }

  long initialDelay() {
    return initialDelayMillis;
  }

  long gap() {
    return gapMillis;
  }

  boolean fails() {
    return failStatus != UNSET;
  }

  int failStatus() {
    return failStatus;
  }

  String failBody() {
    return failBody;
  }

  /** Index of the token before which the connection is dropped, or {@link #UNSET}. */
  int dropIndex() {
    return dropAfter == UNSET ? UNSET : Math.min(dropAfter, tokens.size());
  }

  /** Index of the token before which the stream hangs, or {@link #UNSET}. */
  int hangIndex() {
    return hangAfter == UNSET ? UNSET : Math.min(hangAfter, tokens.size());
  }

  boolean usageDisabled() {
    return usageDisabled;
  }

  /** The prompt token count to report, or {@code fallback} when none was configured. */
  int promptTokens(int fallback) {
    return promptTokens == UNSET ? fallback : promptTokens;
  }

  int completionTokens() {
    return completionTokens == UNSET ? tokens.size() : completionTokens;
  }

  String finish() {
    return finishReason;
  }

  /** The raw bytes sent after the tokens, or null. */
  byte[] garbage() {
    return garbage;
  }

  boolean endlessGarbage() {
    return endlessGarbage;
  }

  /** The error type reported in the stream after the tokens, or null. */
  String errorEvent() {
    return errorEvent;
  }

  ToolCall toolCall() {
    return toolCall;
  }

  private Script copy() {
    Script copy = new Script(tokens);
    copy.initialDelayMillis = initialDelayMillis;
    copy.gapMillis = gapMillis;
    copy.failStatus = failStatus;
    copy.failBody = failBody;
    copy.dropAfter = dropAfter;
    copy.hangAfter = hangAfter;
    copy.promptTokens = promptTokens;
    copy.completionTokens = completionTokens;
    copy.usageDisabled = usageDisabled;
    copy.finishReason = finishReason;
    copy.garbage = garbage;
    copy.endlessGarbage = endlessGarbage;
    copy.errorEvent = errorEvent;
    copy.toolCall = toolCall;
    return copy;
  }

  private static void requireNonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
  }

  @Override
  public String toString() {
    return "Script" + tokens;
  }
}
