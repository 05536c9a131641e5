import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fast fake LLM provider for the benchmark. Binds 127.0.0.1 only; one virtual thread per stream (JDK 21+).
 *
 * <ul>
 *   <li>{@code --dialect openai} (default): {@code POST /v1/chat/completions} streams N {@code chat.completion.chunk}
 *       events G ms apart, then a finish chunk, a usage chunk and {@code data: [DONE]}.
 *   <li>{@code --dialect anthropic}: {@code POST /v1/messages} streams Anthropic's Messages events: {@code
 *       message_start}, {@code content_block_start}, {@code ping}, N {@code content_block_delta} ({@code text_delta})
 *       G ms apart, {@code content_block_stop}, {@code message_delta} (stop reason and usage), {@code message_stop}.
 * </ul>
 *
 * Every token's text is {@code " tok<i>"}, which the load generator counts in any gateway's output. The pace can
 * change between phases of a run without a restart (the burst and the sustained scenarios use different reply
 * lengths): {@code POST /bench/pace?tokens=400&gap_ms=25}; it applies to streams that start afterwards. {@code GET
 * /bench/pace} answers the pace and how many streams started, completed and were hung up on by the client.
 *
 * <pre>java bench/BenchUpstream.java --port 9101 --tokens 64 --gap-ms 20 [--dialect anthropic]</pre>
 */
public class BenchUpstream {

  /** The events of one reply, built once per pace so that a stream only writes prepared bytes. */
  record Pace(int tokens, int gapMs, byte[] head, byte[][] chunks, byte[] tail) {}

  static volatile Pace pace;
  static final AtomicLong started = new AtomicLong();
  static final AtomicLong completed = new AtomicLong();
  static final AtomicLong clientGone = new AtomicLong();

  public static void main(String[] args) throws IOException {
    // like real providers' front ends: without TCP_NODELAY the JDK server's small trailing writes ([DONE], the last
    // chunk) wait for the peer's delayed ACK, adding ~40 ms to every stream
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int port = Integer.parseInt(arg(args, "--port", "9101"));
    String dialect = arg(args, "--dialect", "openai");
    boolean anthropic = switch (dialect) {
      case "openai" -> false;
      case "anthropic" -> true;
      default -> throw new IllegalArgumentException("--dialect openai|anthropic, not " + dialect);
    };
    pace = anthropic
        ? anthropicPace(Integer.parseInt(arg(args, "--tokens", "64")), Integer.parseInt(arg(args, "--gap-ms", "20")))
        : openAiPace(Integer.parseInt(arg(args, "--tokens", "64")), Integer.parseInt(arg(args, "--gap-ms", "20")));
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8192);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    // only the chosen dialect's path exists: a gateway configured for the other dialect gets a 404, not a reply
    server.createContext(anthropic ? "/v1/messages" : "/v1/chat/completions", BenchUpstream::stream);
    server.createContext("/bench/pace", exchange -> pace(exchange, anthropic));
    server.start();
    System.out.println("bench upstream on 127.0.0.1:" + port + " (" + dialect + ", " + pace.tokens() + " tokens, "
        + pace.gapMs() + " ms apart)");
  }

  static void stream(HttpExchange exchange) throws IOException {
    Pace p = pace;
    started.incrementAndGet();
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      if (p.head().length > 0) {
        out.write(p.head());
        out.flush();
      }
      for (byte[] chunk : p.chunks()) {
        sleep(p.gapMs());
        out.write(chunk);
        out.flush();
      }
      out.write(p.tail());
      out.flush();
      completed.incrementAndGet();
    } catch (IOException hungUp) {
      clientGone.incrementAndGet(); // the load generator or the gateway hung up (a deadline, or a refused stream)
    }
  }

  static void pace(HttpExchange exchange, boolean anthropic) throws IOException {
    try (exchange) {
      if ("POST".equals(exchange.getRequestMethod())) {
        Map<String, String> query = query(exchange.getRequestURI());
        int tokens = Integer.parseInt(query.getOrDefault("tokens", String.valueOf(pace.tokens())));
        int gapMs = Integer.parseInt(query.getOrDefault("gap_ms", String.valueOf(pace.gapMs())));
        if (tokens < 1 || tokens > 100_000 || gapMs < 0 || gapMs > 60_000) {
          exchange.sendResponseHeaders(400, -1);
          return;
        }
        pace = anthropic ? anthropicPace(tokens, gapMs) : openAiPace(tokens, gapMs);
      }
      byte[] body = ("{\"tokens\":" + pace.tokens() + ",\"gap_ms\":" + pace.gapMs() + ",\"started\":" + started.get()
          + ",\"completed\":" + completed.get() + ",\"client_gone\":" + clientGone.get() + "}\n")
          .getBytes(StandardCharsets.US_ASCII);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  static Pace openAiPace(int tokens, int gapMs) {
    byte[][] chunks = new byte[tokens][];
    for (int i = 0; i < tokens; i++) {
      chunks[i] = data("{\"id\":\"b\",\"object\":\"chat.completion.chunk\",\"model\":\"bench\",\"choices\":[{\"index\":0,"
          + "\"delta\":{\"content\":\" tok" + i + "\"},\"finish_reason\":null}]}");
    }
    byte[] finish = data("{\"id\":\"b\",\"object\":\"chat.completion.chunk\",\"model\":\"bench\",\"choices\":[{\"index\":0,"
        + "\"delta\":{},\"finish_reason\":\"stop\"}]}");
    byte[] usage = data("{\"id\":\"b\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":10,"
        + "\"completion_tokens\":" + tokens + ",\"total_tokens\":" + (10 + tokens) + "}}");
    return new Pace(tokens, gapMs, new byte[0], chunks, concat(finish, usage, "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII)));
  }

  static Pace anthropicPace(int tokens, int gapMs) {
    // the sequence and fields of https://docs.anthropic.com/en/docs/build-with-claude/streaming, ping included
    byte[] head = concat(
        event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bench\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"content\":[],\"model\":\"claude-bench\",\"stop_reason\":null,\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}"),
        event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
        event("ping", "{\"type\":\"ping\"}"));
    byte[][] chunks = new byte[tokens][];
    for (int i = 0; i < tokens; i++) {
      chunks[i] = event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
          + "\"text\":\" tok" + i + "\"}}");
    }
    byte[] tail = concat(
        event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
        event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
            + "\"usage\":{\"output_tokens\":" + tokens + "}}"),
        event("message_stop", "{\"type\":\"message_stop\"}"));
    return new Pace(tokens, gapMs, head, chunks, tail);
  }

  static byte[] data(String json) {
    return ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] event(String name, String json) {
    return ("event: " + name + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> values = new HashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    return values;
  }

  static void sleep(int ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
