import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fast fake upstream for the benchmark, in both of Parley's provider dialects: POST /v1/chat/completions streams
 * N tokens, G ms apart, as OpenAI chat.completion.chunk events, then a usage chunk and [DONE]; POST /v1/messages
 * streams the same tokens as Anthropic Messages events (message_start, content_block_delta per token,
 * message_delta with usage, message_stop), so a Parley provider of kind anthropic with this base URL measures the
 * Anthropic path. Binds 127.0.0.1 only. One virtual thread per stream (run it on JDK 21+).
 *
 * <pre>java bench/BenchUpstream.java --port 9101 --tokens 64 --gap-ms 20</pre>
 */
public class BenchUpstream {

  public static void main(String[] args) throws IOException {
    // like real providers' front ends: without TCP_NODELAY the JDK server's small trailing writes ([DONE], the last
    // chunk) wait for the peer's delayed ACK, adding ~40 ms to every stream
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int port = intArg(args, "--port", 9101);
    int tokens = intArg(args, "--tokens", 64);
    int gapMs = intArg(args, "--gap-ms", 20);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8192);
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(threads);
    byte[][] chunks = new byte[tokens][];
    for (int i = 0; i < tokens; i++) {
      chunks[i] = event("{\"id\":\"b\",\"object\":\"chat.completion.chunk\",\"model\":\"bench\",\"choices\":[{\"index\":0,"
          + "\"delta\":{\"content\":\" tok" + i + "\"},\"finish_reason\":null}]}");
    }
    byte[] finish = event("{\"id\":\"b\",\"object\":\"chat.completion.chunk\",\"model\":\"bench\",\"choices\":[{\"index\":0,"
        + "\"delta\":{},\"finish_reason\":\"stop\"}]}");
    byte[] usage = event("{\"id\":\"b\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":10,"
        + "\"completion_tokens\":" + tokens + ",\"total_tokens\":" + (10 + tokens) + "}}");
    byte[] done = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    server.createContext("/v1/chat/completions", exchange -> stream(exchange, chunks, finish, usage, done, gapMs));
    byte[][] deltas = new byte[tokens][];
    for (int i = 0; i < tokens; i++) {
      deltas[i] = event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"text_delta\",\"text\":\" tok" + i + "\"}}");
    }
    byte[] start = concat(
        event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_b\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"content\":[],\"model\":\"bench\",\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}"),
        event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
            + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
    byte[] end = concat(
        event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
        event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
            + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + tokens + "}}"),
        event("message_stop", "{\"type\":\"message_stop\"}"));
    server.createContext("/v1/messages", exchange -> stream(exchange, deltas, start, new byte[0], end, gapMs, true));
    server.start();
    System.out.println("bench upstream on 127.0.0.1:" + port + " (" + tokens + " tokens, " + gapMs + " ms apart)");
  }

  static void stream(HttpExchange exchange, byte[][] chunks, byte[] finish, byte[] usage, byte[] done, int gapMs)
      throws IOException {
    stream(exchange, chunks, new byte[0], finish, concat(usage, done), gapMs, false);
  }

  /** {@code head} at once, the chunks {@code gapMs} apart, then {@code tail} and {@code end}. */
  static void stream(HttpExchange exchange, byte[][] chunks, byte[] head, byte[] tail, byte[] end, int gapMs,
      boolean headFirst) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      if (headFirst) {
        out.write(head);
        out.flush();
      }
      for (byte[] chunk : chunks) {
        sleep(gapMs);
        out.write(chunk);
        out.flush();
      }
      out.write(tail);
      out.write(end);
      out.flush();
    } catch (IOException clientGone) {
      // the benchmark client or the gateway hung up
    }
  }

  static byte[] event(String json) {
    return ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] event(String name, String json) {
    return ("event: " + name + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }

  static void sleep(int ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
