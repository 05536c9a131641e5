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
 * A fast fake OpenAI-compatible upstream for the benchmark: POST /v1/chat/completions streams N tokens, G ms
 * apart, as chat.completion.chunk events, then a usage chunk and [DONE]. Binds 127.0.0.1 only. One virtual
 * thread per stream (run it on JDK 21+).
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
    server.start();
    System.out.println("bench upstream on 127.0.0.1:" + port + " (" + tokens + " tokens, " + gapMs + " ms apart)");
  }

  static void stream(HttpExchange exchange, byte[][] chunks, byte[] finish, byte[] usage, byte[] done, int gapMs)
      throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      for (byte[] chunk : chunks) {
        sleep(gapMs);
        out.write(chunk);
        out.flush();
      }
      out.write(finish);
      out.write(usage);
      out.write(done);
      out.flush();
    } catch (IOException clientGone) {
      // the benchmark client or the gateway hung up
    }
  }

  static byte[] event(String json) {
    return ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
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
