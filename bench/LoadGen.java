import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens C concurrent streams against one target and reports time to first token (p50/p90/p99), delivered tokens
 * per second and errors by kind, as one JSON line. Loopback targets only; bounded by count and time.
 *
 * <pre>
 * java bench/LoadGen.java --target parley --url http://127.0.0.1:7001 --concurrency 200 --key key.pem --users 100
 * java bench/LoadGen.java --target direct --url http://127.0.0.1:9101 --concurrency 200
 * java bench/LoadGen.java --target parley ... --concurrency 200 --bursts 40   # warm-up: 40 bursts, one JVM
 * </pre>
 *
 * Before the measured burst a throwaway burst of up to 200 streams warms this load generator ({@code --warm-burst}).
 * With {@code --bursts N} the C streams are opened N times, each burst after the previous one has ended; the line
 * printed describes the last burst.
 */
public class LoadGen {

  static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile(" tok\\d");

  public static void main(String[] args) throws Exception {
    String target = arg(args, "--target", "direct");
    String url = arg(args, "--url", "http://127.0.0.1:9101");
    int concurrency = Integer.parseInt(arg(args, "--concurrency", "1"));
    int timeLimit = Integer.parseInt(arg(args, "--seconds", "30"));
    String keyFile = arg(args, "--key", null);
    int users = Integer.parseInt(arg(args, "--users", "100"));
    // at low concurrency one stream is one sample: each virtual user then runs streams back to back until at least
    // --min-streams have run (or half the time limit has passed)
    int minStreams = Integer.parseInt(arg(args, "--min-streams", "10"));
    int rounds = (minStreams + concurrency - 1) / concurrency;
    int bursts = Integer.parseInt(arg(args, "--bursts", "1"));
    if (!URI.create(url).getHost().startsWith("127.") && !URI.create(url).getHost().equals("localhost")) {
      throw new IllegalArgumentException("loopback targets only");
    }
    boolean parley = target.startsWith("parley");
    List<String> tokens = parley ? mint(Path.of(keyFile), users) : List.of();
    if (parley) { // first-use user creation is not what we measure
      HttpClient client = newClient();
      for (String token : tokens) {
        client.send(HttpRequest.newBuilder(URI.create(url + "/v1/me")).header("Authorization", "Bearer " + token).build(),
            HttpResponse.BodyHandlers.discarding());
      }
      client.shutdownNow();
    }
    // the load generator's own warm-up, not measured: a throwaway burst of up to 200 streams compiles its HTTP client
    // and SSE reading code, which would otherwise compete for the cores with the target during the measured burst
    int warmBurst = Integer.parseInt(arg(args, "--warm-burst", String.valueOf(Math.min(concurrency, 200))));
    if (warmBurst > 0) {
      burst(url, parley, tokens, warmBurst, 1, timeLimit);
    }
    Burst last = null;
    for (int b = 1; b <= bursts; b++) {
      last = burst(url, parley, tokens, concurrency, rounds, timeLimit);
    }
    System.out.printf(
        "{\"target\":\"%s\",\"concurrency\":%d,\"ok_streams\":%d,\"ttft_p50_ms\":%.1f,\"ttft_p90_ms\":%.1f,"
            + "\"ttft_p99_ms\":%.1f,\"tokens\":%d,\"seconds\":%.2f,\"tokens_per_s\":%.0f,\"errors\":%s}%n",
        target, concurrency, last.ttft().size(), pct(last.ttft(), 50), pct(last.ttft(), 90), pct(last.ttft(), 99),
        last.tokens(), last.seconds(), last.tokens() / last.seconds(), json(last.errors()));
    System.exit(0);
  }

  record Burst(List<Long> ttft, long tokens, double seconds, Map<String, Long> errors) {}

  /** C streams at once, each virtual user running {@code rounds} streams back to back; fresh connections. */
  static Burst burst(String url, boolean parley, List<String> tokens, int concurrency, int rounds, int timeLimit)
      throws InterruptedException {
    HttpClient client = newClient();
    List<Long> ttftNanos = Collections.synchronizedList(new ArrayList<>());
    Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    AtomicLong tokenCount = new AtomicLong();
    CountDownLatch done = new CountDownLatch(concurrency);
    long start = System.nanoTime();
    AtomicLong lastEnd = new AtomicLong(start);
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < concurrency; i++) {
        String token = parley ? tokens.get(i % tokens.size()) : null;
        threads.submit(() -> {
          try {
            for (int round = 0; round < rounds && System.nanoTime() - start < timeLimit * 1_000_000_000L / 2; round++) {
              runStream(client, url, parley, token, timeLimit, ttftNanos, tokenCount, errors);
            }
          } finally {
            lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
            done.countDown();
          }
        });
      }
      if (!done.await(timeLimit + 5, TimeUnit.SECONDS)) {
        errors.computeIfAbsent("level-timeout", k -> new AtomicLong()).addAndGet(done.getCount());
      }
      threads.shutdownNow();
    }
    client.shutdownNow();
    List<Long> sorted = new ArrayList<>(ttftNanos);
    Collections.sort(sorted);
    Map<String, Long> errorCounts = new TreeMap<>();
    errors.forEach((k, v) -> errorCounts.put(k, v.get()));
    return new Burst(sorted, tokenCount.get(), (lastEnd.get() - start) / 1e9, errorCounts);
  }

  static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .executor(Executors.newVirtualThreadPerTaskExecutor())
        .build();
  }

  static void runStream(HttpClient client, String url, boolean parley, String token, int timeLimit,
      List<Long> ttftNanos, AtomicLong tokenCount, Map<String, AtomicLong> errors) {
    String body = parley
        ? "{\"model\":\"gpt-4\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story\"}]}"
        : "{\"model\":\"gpt-4\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story\"}]}";
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + (parley ? "/v1/chat/stream" : "/v1/chat/completions")))
        .timeout(Duration.ofSeconds(timeLimit))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    long sent = System.nanoTime();
    try {
      HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        response.body().close();
        count(errors, "http-" + response.statusCode());
        return;
      }
      boolean first = true;
      boolean finished = false;
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith("data:") && TOKEN.matcher(line).find()) {
            if (first) {
              ttftNanos.add(System.nanoTime() - sent);
              first = false;
            }
            tokenCount.incrementAndGet();
          } else if (line.startsWith("event: error")) {
            count(errors, "sse-error-event");
          } else if (line.equals("data: [DONE]")) {
            finished = true;
          }
        }
      }
      if (!finished) {
        count(errors, "incomplete");
      }
    } catch (Exception e) {
      count(errors, e.getClass().getSimpleName());
    }
  }

  static void count(Map<String, AtomicLong> errors, String kind) {
    errors.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
  }

  static double pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
  }

  static String json(Map<String, Long> map) {
    StringBuilder out = new StringBuilder("{");
    map.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
    return out.append('}').toString();
  }

  /** Enterprise-tier tokens for users bench-1..n, signed RS256 with the given PKCS#8 PEM key. */
  static List<String> mint(Path keyFile, int users) throws Exception {
    String pem = Files.readString(keyFile).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long now = System.currentTimeMillis() / 1000;
    List<String> tokens = new ArrayList<>();
    for (int i = 1; i <= users; i++) {
      String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
      String payload = b64.encodeToString(("{\"iss\":\"parley-bench\",\"sub\":\"bench-" + i + "\",\"upn\":\"bench-" + i
          + "\",\"jti\":\"" + java.util.UUID.randomUUID() + "\",\"iat\":" + now + ",\"exp\":" + (now + 7200) + ",\"groups\":[\"user\"],\"tier\":\"enterprise\"}")
          .getBytes(StandardCharsets.UTF_8));
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
      tokens.add(header + "." + payload + "." + b64.encodeToString(signature.sign()));
    }
    return tokens;
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
