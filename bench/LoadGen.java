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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The benchmark's load generator: opens streams against one target (the fake upstream directly, nginx, Portkey or
 * Parley) and prints one JSON line per measured phase, with what users feel (time to first token, tokens/s, errors)
 * and, through {@link Probe}, what every process spent during exactly that phase. Loopback targets only; every loop
 * is bounded in count and time.
 *
 * <pre>
 * # one burst: C streams at once (at low C each user runs streams back to back until --min-streams have run)
 * java --add-exports jdk.internal.jvmstat/sun.jvmstat.monitor=ALL-UNNAMED bench/LoadGen.java --mode burst \
 *     --target parley --url http://127.0.0.1:9103 --concurrency 200 --key key.pem --proc parley=1234 --jvm parley=1234
 * # warm-up: bursts until steady state (or the bound), one line per burst and a summary
 * ... --mode warmup --target portkey --url http://127.0.0.1:9104 --upstream-url http://127.0.0.1:9101 --concurrency 200
 * # sustained: C users hold C streams for --hold-seconds, each stream with a deadline
 * ... --mode sustained --target nginx --url http://127.0.0.1:9102 --concurrency 1000 --hold-seconds 30 --deadline-seconds 20
 * # smoke: one stream, exit status 1 unless it answered 200 and streamed to its end
 * ... --mode smoke --target portkey --url http://127.0.0.1:9104 --upstream-url http://127.0.0.1:9101
 * </pre>
 */
public class LoadGen {

  /** A token of the fake upstream, whatever the gateway wraps it in. */
  static final Pattern TOKEN = Pattern.compile(" tok\\d");

  // ---- configuration (from the command line) ----
  static String target;
  static String url;
  static String upstreamUrl;
  static String dialect;
  static String model;
  static List<String> jwts = List.of();

  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    String mode = a.get("--mode", "burst");
    target = a.get("--target", "direct");
    url = a.get("--url", "http://127.0.0.1:9101");
    upstreamUrl = a.get("--upstream-url", "http://127.0.0.1:9101");
    dialect = a.get("--dialect", "openai");
    model = a.get("--model", dialect.equals("anthropic") ? "claude-bench" : "gpt-4");
    for (String u : List.of(url, upstreamUrl)) {
      String host = URI.create(u).getHost();
      if (!host.startsWith("127.") && !host.equals("localhost")) {
        throw new IllegalArgumentException("loopback targets only: " + u);
      }
    }
    Probe probe = new Probe(a.integer("--clk-tck", 100));
    for (String spec : a.all("--proc")) {
      probe.proc(spec);
    }
    for (String spec : a.all("--jvm")) {
      probe.jvm(spec);
    }
    for (String spec : a.all("--v8log")) {
      probe.v8Log(spec);
    }
    if (target.equals("parley")) {
      jwts = mint(Path.of(a.get("--key", "key.pem")), a.integer("--users", 100));
      createUsers();
    }
    switch (mode) {
      case "smoke" -> System.exit(smoke() ? 0 : 1);
      case "burst" -> burstMode(a, probe);
      case "warmup" -> warmupMode(a, probe);
      case "sustained" -> sustainedMode(a, probe);
      case "idle" -> idleMode(a, probe);
      default -> throw new IllegalArgumentException("--mode smoke|burst|warmup|sustained|idle, not " + mode);
    }
    System.exit(0);
  }

  // ---- modes ----

  /** One stream; prints what happened; true if it answered 200 and streamed tokens to its end. */
  static boolean smoke() {
    Stats stats = new Stats();
    HttpClient client = newClient();
    runStream(client, 0, 30, stats, null);
    client.shutdownNow();
    boolean ok = stats.inTime.get() == 1 && stats.tokens.get() > 0;
    System.err.println("smoke " + target + " " + url + ": " + (ok ? "ok, " + stats.tokens.get() + " tokens" : "FAILED " + stats.errorCounts()));
    return ok;
  }

  /**
   * One measured burst of C streams, after a throwaway burst of up to 200 streams against the same target that warms
   * this load generator (its HTTP client and SSE reading code would otherwise be compiled during the measured burst).
   */
  static void burstMode(Args a, Probe probe) throws Exception {
    int concurrency = a.integer("--concurrency", 1);
    int seconds = a.integer("--seconds", 30);
    // at low concurrency one stream is one sample: each user then runs streams back to back until at least
    // --min-streams have run (or half the time limit has passed)
    int rounds = (a.integer("--min-streams", 10) + concurrency - 1) / concurrency;
    int warm = a.integer("--warm-burst", Math.min(concurrency, 200));
    if (warm > 0) {
      burst(warm, 1, seconds, null);
    }
    Probe.Phase phase = probe.begin();
    Stats stats = burst(concurrency, rounds, seconds, phase);
    Map<String, Object> measured = phase.end();
    Map<String, Object> line = header("burst", concurrency);
    line.putAll(stats.summary());
    line.putAll(measured);
    emit(line);
  }

  /**
   * Bursts of C streams back to back until steady state or the bound. Steady: in each of the last three bursts the
   * target's JIT finished at most --steady-compiles compilations, and the target's CPU per stream of each of them is
   * within --steady-tolerance of their mean. Prints one line per burst (the warm-up curve) and a summary.
   */
  static void warmupMode(Args a, Probe probe) throws Exception {
    int concurrency = a.integer("--concurrency", 200);
    int seconds = a.integer("--seconds", 30);
    int maxBursts = a.integer("--max-bursts", 60);
    double maxSeconds = a.integer("--max-seconds", 150);
    int steadyCompiles = a.integer("--steady-compiles", 20);
    double tolerance = Double.parseDouble(a.get("--steady-tolerance", "0.10"));
    long[] pids = probe.procs.get(target);
    if (pids == null) {
      throw new IllegalArgumentException("warm-up needs --proc " + target + "=<pid>");
    }
    // the load generator warms up against the upstream itself, so that the target's first burst is its first
    String ownTarget = target, ownUrl = url;
    target = "direct";
    url = upstreamUrl;
    burst(Math.min(concurrency, 200), 1, seconds, null);
    target = ownTarget;
    url = ownUrl;

    double readyAge = Double.parseDouble(a.get("--ready-seconds", "-1")); // measured by run.sh
    long start = System.nanoTime();
    List<Double> perStream = new ArrayList<>();
    List<Double> compiles = new ArrayList<>();
    long streams = 0;
    String verdict = "not steady: bound of " + maxBursts + " bursts";
    for (int b = 1; b <= maxBursts; b++) {
      Probe.Phase phase = probe.begin();
      Stats stats = burst(concurrency, 1, seconds, phase);
      Map<String, Object> measured = phase.end();
      streams += stats.started.get();
      double cpu = cpuOf(measured, target);
      double cps = stats.inTime.get() > 0 ? cpu / stats.inTime.get() : -1;
      @SuppressWarnings("unchecked")
      Map<String, Object> jit = (Map<String, Object>) ((Map<String, Object>) measured.get("jit")).get(target);
      double compiled = jit == null ? 0 : ((Number) jit.get("compiles")).doubleValue();
      perStream.add(cps);
      compiles.add(compiled);
      Map<String, Object> line = header("warmup-burst", concurrency);
      line.put("burst", b);
      line.put("t_s", probe.ageSeconds(pids[0]));
      line.put("streams_so_far", streams);
      line.put("cpu_ms_per_stream", cps);
      line.putAll(stats.summary());
      line.putAll(measured);
      emit(line);
      if (stats.inTime.get() == 0) {
        verdict = "failed: no stream of burst " + b + " finished " + stats.errorCounts();
        break;
      }
      if (steady(perStream, compiles, steadyCompiles, tolerance, jit != null)) {
        verdict = "steady";
        break;
      }
      if ((System.nanoTime() - start) / 1e9 >= maxSeconds) {
        verdict = "not steady: bound of " + (int) maxSeconds + " s";
        break;
      }
    }
    int n = perStream.size();
    List<Double> last = perStream.subList(Math.max(0, n - 3), n);
    Map<String, Object> summary = header("warmup", concurrency);
    summary.put("steady", verdict.equals("steady"));
    summary.put("verdict", verdict);
    summary.put("bursts", n);
    summary.put("streams", streams);
    summary.put("seconds", (System.nanoTime() - start) / 1e9);
    summary.put("ready_s", readyAge);
    summary.put("steady_cpu_ms_per_stream", last.stream().mapToDouble(Double::doubleValue).average().orElse(-1));
    summary.put("steady_compiles", steadyCompiles);
    summary.put("steady_tolerance", tolerance);
    System.out.println(Probe.json(summary));
    System.err.printf("  warm-up %s: %s after %d bursts, %.2f ms CPU per stream%n", target, verdict, n,
        ((Number) summary.get("steady_cpu_ms_per_stream")).doubleValue());
  }

  /**
   * No load for --seconds: what every process spends on its own (a JIT's compile backlog, timers, GC), which a
   * phase at one stream mostly measures.
   */
  static void idleMode(Args a, Probe probe) throws InterruptedException {
    int seconds = a.integer("--seconds", 5);
    Probe.Phase phase = probe.begin();
    Thread.sleep(seconds * 1000L);
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("kind", "idle");
    line.putAll(phase.end());
    System.out.println(Probe.json(line));
    System.err.println("  idle " + seconds + " s, CPU ms: " + line.get("cpu_ms"));
  }

  static boolean steady(List<Double> perStream, List<Double> compiles, int steadyCompiles, double tolerance, boolean hasJit) {
    int n = perStream.size();
    if (n < 3) {
      return false;
    }
    List<Double> last = perStream.subList(n - 3, n);
    double mean = last.stream().mapToDouble(Double::doubleValue).average().orElse(-1);
    boolean flat = mean > 0 && last.stream().allMatch(x -> x > 0 && Math.abs(x - mean) <= tolerance * mean);
    boolean quiet = !hasJit || compiles.subList(n - 3, n).stream().allMatch(c -> c <= steadyCompiles);
    return flat && quiet;
  }

  /**
   * C users, each running streams back to back for --hold-seconds (a refused or failed request waits
   * --refusal-pause-ms before the next try, as a client whose balancer tried elsewhere would come back), every stream
   * cut off at its deadline. Counts streams finished in time, late ones (and how many of those never got a token),
   * 503 refusals (and how many said Retry-After) and other errors, separately.
   */
  static void sustainedMode(Args a, Probe probe) throws Exception {
    int concurrency = a.integer("--concurrency", 200);
    int hold = a.integer("--hold-seconds", 30);
    int deadline = a.integer("--deadline-seconds", 20);
    long pauseMs = a.integer("--refusal-pause-ms", 1000);
    // the load generator's own warm-up, against the upstream: not part of the phase
    String ownTarget = target, ownUrl = url;
    target = "direct";
    url = upstreamUrl;
    burst(Math.min(concurrency, 200), 1, 30, null);
    target = ownTarget;
    url = ownUrl;

    HttpClient client = newClient();
    Stats stats = new Stats();
    Probe.Phase phase = probe.begin();
    long start = System.nanoTime();
    long holdEnd = start + hold * 1_000_000_000L;
    CountDownLatch done = new CountDownLatch(concurrency);
    try (var users = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < concurrency; i++) {
        int user = i;
        users.submit(() -> {
          try {
            while (System.nanoTime() < holdEnd) {
              if (!runStream(client, user, deadline, stats, stats.watchdog)) {
                Thread.sleep(Math.min(pauseMs, Math.max(0, (holdEnd - System.nanoTime()) / 1_000_000)));
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            stats.lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
            done.countDown();
          }
        });
      }
      if (!done.await(hold + deadline + 10, TimeUnit.SECONDS)) {
        stats.count("phase-timeout", done.getCount());
      }
      users.shutdownNow();
    }
    Map<String, Object> measured = phase.end();
    client.shutdownNow();
    stats.watchdog.shutdownNow();
    Map<String, Object> line = header("sustained", concurrency);
    line.put("hold_s", hold);
    line.put("deadline_s", deadline);
    line.put("refusal_pause_ms", pauseMs);
    line.putAll(stats.summary());
    line.putAll(measured);
    emit(line);
  }

  /** The result line on stdout (collected by run.sh), a short one on stderr for whoever watches the run. */
  static void emit(Map<String, Object> line) {
    System.out.println(Probe.json(line));
    System.out.flush();
    double cpu = cpuOf(line, target);
    long ok = ((Number) line.get("ok_streams")).longValue();
    System.err.printf("  %s %s %d: %d of %d streams ok, %s late, %s refused (503), TTFT p50 %.0f / p99 %.0f ms, %s, errors %s%n",
        line.get("kind"), target, line.get("concurrency"), ok, line.get("started"), line.get("late"), line.get("refused_503"),
        line.get("ttft_p50_ms"), line.get("ttft_p99_ms"),
        cpu >= 0 && ok > 0 ? String.format("%.2f ms CPU per stream", cpu / ok) : "no CPU figure", line.get("errors"));
  }

  static Map<String, Object> header(String kind, int concurrency) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("kind", kind);
    line.put("target", target);
    line.put("concurrency", concurrency);
    line.put("dialect", dialect);
    line.put("pace", pace());
    return line;
  }

  /** The upstream's current reply length and gap (GET /bench/pace), so that every line says what it measured. */
  static Map<String, Object> pace() {
    try {
      HttpClient client = HttpClient.newHttpClient();
      String body = client.send(HttpRequest.newBuilder(URI.create(upstreamUrl + "/bench/pace")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      client.shutdownNow();
      Map<String, Object> pace = new LinkedHashMap<>();
      for (String key : List.of("tokens", "gap_ms")) {
        var m = Pattern.compile("\"" + key + "\":(\\d+)").matcher(body);
        pace.put(key, m.find() ? Long.parseLong(m.group(1)) : -1);
      }
      return pace;
    } catch (Exception e) {
      return Map.of();
    }
  }

  static double cpuOf(Map<String, Object> measured, String name) {
    Object value = ((Map<?, ?>) measured.get("cpu_ms")).get(name);
    return value == null ? -1 : ((Number) value).doubleValue();
  }

  // ---- streams ----

  /** What a phase's streams did. */
  static final class Stats {
    final List<Long> ttftNanos = Collections.synchronizedList(new ArrayList<>());
    final List<Long> refusalNanos = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong started = new AtomicLong();
    final AtomicLong inTime = new AtomicLong();
    final AtomicLong late = new AtomicLong();
    final AtomicLong lateNoToken = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong refusedRetryAfter = new AtomicLong();
    final AtomicLong tokens = new AtomicLong();
    final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    final long startNanos = System.nanoTime();
    final AtomicLong lastEnd = new AtomicLong(startNanos);
    final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "deadlines");
      t.setDaemon(true);
      return t;
    });

    void count(String kind, long n) {
      errors.computeIfAbsent(kind, k -> new AtomicLong()).addAndGet(n);
    }

    Map<String, Long> errorCounts() {
      Map<String, Long> counts = new TreeMap<>();
      errors.forEach((k, v) -> counts.put(k, v.get()));
      return counts;
    }

    Map<String, Object> summary() {
      List<Long> sorted = new ArrayList<>(ttftNanos);
      Collections.sort(sorted);
      List<Long> refusals = new ArrayList<>(refusalNanos);
      Collections.sort(refusals);
      double seconds = Math.max(1e-3, (lastEnd.get() - startNanos) / 1e9);
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("started", started.get());
      s.put("ok_streams", inTime.get());
      s.put("late", late.get());
      s.put("late_no_token", lateNoToken.get());
      s.put("refused_503", refused.get());
      s.put("refused_retry_after", refusedRetryAfter.get());
      s.put("refusal_p50_ms", pct(refusals, 50));
      s.put("refusal_p99_ms", pct(refusals, 99));
      s.put("errors", errorCounts());
      s.put("ttft_p50_ms", pct(sorted, 50));
      s.put("ttft_p90_ms", pct(sorted, 90));
      s.put("ttft_p99_ms", pct(sorted, 99));
      s.put("ttft_max_ms", pct(sorted, 100));
      s.put("tokens", tokens.get());
      s.put("seconds", seconds);
      s.put("tokens_per_s", tokens.get() / seconds);
      return s;
    }
  }

  /** C streams at once, each user running {@code rounds} streams back to back; fresh connections. */
  static Stats burst(int concurrency, int rounds, int seconds, Probe.Phase phase) throws InterruptedException {
    HttpClient client = newClient();
    Stats stats = new Stats();
    CountDownLatch done = new CountDownLatch(concurrency);
    try (var users = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < concurrency; i++) {
        int user = i;
        users.submit(() -> {
          try {
            for (int round = 0; round < rounds && System.nanoTime() - stats.startNanos < seconds * 1_000_000_000L / 2; round++) {
              runStream(client, user, seconds, stats, null);
            }
          } finally {
            stats.lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
            done.countDown();
          }
        });
      }
      if (!done.await(seconds + 5, TimeUnit.SECONDS)) {
        stats.count("level-timeout", done.getCount());
      }
      users.shutdownNow();
    }
    client.shutdownNow();
    stats.watchdog.shutdownNow();
    return stats;
  }

  static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .executor(Executors.newVirtualThreadPerTaskExecutor())
        .build();
  }

  /** The request each kind of target expects. */
  static HttpRequest.Builder request(int user, int deadlineSeconds) {
    boolean anthropic = dialect.equals("anthropic");
    String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story\"}]";
    HttpRequest.Builder request;
    switch (target) {
      case "parley" -> request = HttpRequest.newBuilder(URI.create(url + "/v1/chat/stream"))
          .header("Authorization", "Bearer " + jwts.get(user % jwts.size()))
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\"," + messages + "}"));
      case "portkey" -> request = HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
          // Portkey appends the provider's path (/chat/completions, /messages) to the custom host
          .header("x-portkey-provider", dialect)
          .header("x-portkey-custom-host", upstreamUrl + "/v1")
          .header("Authorization", "Bearer bench")
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":true,"
              + (anthropic ? "\"max_tokens\":4096," : "") + messages + "}"));
      case "direct", "nginx" -> request = anthropic
          ? HttpRequest.newBuilder(URI.create(url + "/v1/messages"))
              .header("x-api-key", "bench")
              .header("anthropic-version", "2023-06-01")
              .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"max_tokens\":4096,\"stream\":true," + messages + "}"))
          : HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
              .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":true," + messages + "}"));
      default -> throw new IllegalArgumentException("--target direct|nginx|portkey|parley, not " + target);
    }
    return request.timeout(Duration.ofSeconds(deadlineSeconds)).header("Content-Type", "application/json");
  }

  /**
   * One stream. With a watchdog the stream is cut off at its deadline (counted late); without one it may take the
   * request timeout for its headers and then as long as it streams (bursts). Returns false when the request was
   * refused or failed before streaming (the caller may pause before the next one).
   */
  static boolean runStream(HttpClient client, int user, int deadlineSeconds, Stats stats, ScheduledExecutorService watchdog) {
    stats.started.incrementAndGet();
    long sent = System.nanoTime();
    boolean gotToken = false;
    AtomicBoolean cutOff = new AtomicBoolean();
    ScheduledFuture<?> cut = null;
    try {
      HttpResponse<InputStream> response = client.send(request(user, deadlineSeconds).build(), HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        response.body().close();
        if (response.statusCode() == 503) {
          stats.refused.incrementAndGet();
          stats.refusalNanos.add(System.nanoTime() - sent);
          if (response.headers().firstValue("Retry-After").isPresent()) {
            stats.refusedRetryAfter.incrementAndGet();
          }
        } else {
          stats.count("http-" + response.statusCode(), 1);
        }
        return false;
      }
      InputStream body = response.body();
      if (watchdog != null) {
        long left = deadlineSeconds * 1_000_000_000L - (System.nanoTime() - sent);
        cut = watchdog.schedule(() -> {
          cutOff.set(true);
          try {
            body.close(); // wakes the reader below: the stream is late
          } catch (Exception ignored) {
            // already closed
          }
        }, Math.max(0, left), TimeUnit.NANOSECONDS);
      }
      boolean finished = false;
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith("data:") && TOKEN.matcher(line).find()) {
            if (!gotToken) {
              stats.ttftNanos.add(System.nanoTime() - sent);
              gotToken = true;
            }
            stats.tokens.incrementAndGet();
          } else if (line.startsWith("event: error")) {
            stats.count("sse-error-event", 1);
          } else if (line.equals("data: [DONE]") || line.equals("event: message_stop")) {
            finished = true;
          }
        }
      } catch (Exception e) {
        if (!cutOff.get()) {
          throw e;
        }
      }
      if (cut != null) {
        cut.cancel(false);
      }
      if (cutOff.get() && !finished) {
        late(stats, gotToken);
      } else if (!finished) {
        stats.count("incomplete", 1);
      } else {
        stats.inTime.incrementAndGet();
      }
      return true;
    } catch (java.net.http.HttpTimeoutException e) {
      if (watchdog != null) { // no answer within the deadline: late, and it never got a token
        late(stats, gotToken);
        return true;
      }
      stats.count("HttpTimeoutException", 1);
      return false;
    } catch (Exception e) {
      if (cut != null) {
        cut.cancel(false);
      }
      stats.count(e.getClass().getSimpleName(), 1);
      return false;
    }
  }

  static void late(Stats stats, boolean gotToken) {
    stats.late.incrementAndGet();
    if (!gotToken) {
      stats.lateNoToken.incrementAndGet();
    }
  }

  static double pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
  }

  // ---- Parley's users ----

  /** First-use user creation is not what we measure: one authenticated request per user before any phase. */
  static void createUsers() throws Exception {
    HttpClient client = newClient();
    for (String jwt : jwts) {
      client.send(HttpRequest.newBuilder(URI.create(url + "/v1/me")).header("Authorization", "Bearer " + jwt).build(),
          HttpResponse.BodyHandlers.discarding());
    }
    client.shutdownNow();
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
          + "\",\"jti\":\"" + java.util.UUID.randomUUID() + "\",\"iat\":" + now + ",\"exp\":" + (now + 7200)
          + ",\"groups\":[\"user\"],\"tier\":\"enterprise\"}").getBytes(StandardCharsets.UTF_8));
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
      tokens.add(header + "." + payload + "." + b64.encodeToString(signature.sign()));
    }
    return tokens;
  }

  /** {@code --name value} arguments; some may repeat. */
  record Args(String[] args) {
    String get(String name, String fallback) {
      List<String> values = all(name);
      return values.isEmpty() ? fallback : values.get(values.size() - 1);
    }

    int integer(String name, int fallback) {
      return Integer.parseInt(get(name, String.valueOf(fallback)));
    }

    List<String> all(String name) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < args.length - 1; i++) {
        if (args[i].equals(name)) {
          values.add(args[i + 1]);
        }
      }
      return values;
    }
  }
}
