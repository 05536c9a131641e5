import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sun.jvmstat.monitor.Monitor;
import sun.jvmstat.monitor.MonitoredHost;
import sun.jvmstat.monitor.MonitoredVm;
import sun.jvmstat.monitor.VmIdentifier;

/**
 * What the processes of a benchmark run spend during one measured phase, read from outside without disturbing them:
 *
 * <ul>
 *   <li>CPU: utime + stime of {@code /proc/<pid>/stat}, which covers all threads of a process (live and ended); a
 *       named process may be several pids (nginx: master and workers), summed. Also this load generator's own CPU
 *       ({@code loadgen}) and the whole machine's busy time from {@code /proc/stat}, so that CPU used by anything
 *       else during the phase (other builds on a shared machine) shows up as {@code other}.
 *   <li>JIT of a JVM: compilations and compile time from its hsperfdata counters ({@code sun.ci.totalCompiles},
 *       {@code java.ci.totalTime}), the very counters {@code jstat -compiler} prints, read in this process: a jstat or
 *       jcmd per burst would start a JVM (or attach a thread to the target) that competes for the cores being
 *       measured, and {@code -XX:+PrintCompilation} would change the target's own output and work.
 *   <li>JIT of V8: TurboFan jobs finished, counted from the {@code --trace-opt} lines ({@code [completed compiling
 *       ...] - took a, b, c ms}) that node writes to its log, read incrementally.
 *   <li>Peaks while the phase runs (every 500 ms): RSS and threads from {@code /proc/<pid>/status}; a JVM's used
 *       heap (eden, survivors, old: jstat's EU + S0U + S1U + OU) from the same hsperfdata counters.
 * </ul>
 *
 * Needs {@code --add-exports jdk.internal.jvmstat/sun.jvmstat.monitor=ALL-UNNAMED}.
 */
final class Probe {

  static final Pattern V8_COMPLETED = Pattern.compile("^\\[completed compiling .*took ([0-9.]+), ([0-9.]+), ([0-9.]+) ms\\]",
      Pattern.MULTILINE);

  final int clockTicks;
  final Map<String, long[]> procs = new LinkedHashMap<>();
  final Map<String, MonitoredVm> jvms = new LinkedHashMap<>();
  final Map<String, Path> v8Logs = new LinkedHashMap<>();
  final Map<String, Long> v8Offsets = new LinkedHashMap<>();
  final Map<String, double[]> v8Totals = new LinkedHashMap<>(); // name -> {compiles, compile ms}

  Probe(int clockTicks) {
    this.clockTicks = clockTicks;
  }

  /** {@code name=pid[+pid...]} */
  void proc(String spec) {
    String[] parts = spec.split("=", 2);
    String[] pids = parts[1].split("\\+");
    long[] values = new long[pids.length];
    for (int i = 0; i < pids.length; i++) {
      values[i] = Long.parseLong(pids[i].trim());
    }
    procs.put(parts[0], values);
  }

  /** {@code name=pid}: a JVM whose hsperfdata we read (same user, -XX:+UsePerfData, the default). */
  void jvm(String spec) {
    String[] parts = spec.split("=", 2);
    try {
      MonitoredHost host = MonitoredHost.getMonitoredHost("localhost");
      jvms.put(parts[0], host.getMonitoredVm(new VmIdentifier("local://" + parts[1] + "@localhost")));
    } catch (Exception e) { // e.g. started with -XX:-UsePerfData: CPU is still measured, JIT and heap are not
      System.err.println("no hsperfdata for " + spec + " (" + e + "): no JIT or heap figures for it");
    }
  }

  /** {@code name=file}: a node process's log written with --trace-opt. */
  void v8Log(String spec) {
    String[] parts = spec.split("=", 2);
    v8Logs.put(parts[0], Path.of(parts[1]));
    v8Offsets.put(parts[0], 0L);
    v8Totals.put(parts[0], new double[2]);
    readV8(parts[0]); // what was compiled before this probe started is not this probe's
  }

  /** A phase: counters at its start, peaks sampled until {@link Phase#end()}. */
  Phase begin() {
    return new Phase(this);
  }

  // ---- reading ----

  /** utime + stime in ms of a named process (sum of its pids), or -1 when none could be read. */
  double cpuMs(long[] pids) {
    long ticks = 0;
    boolean any = false;
    for (long pid : pids) {
      String[] f = statFields(pid);
      if (f != null) {
        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
        any = true;
      }
    }
    return any ? ticks * 1000.0 / clockTicks : -1;
  }

  double selfCpuMs() {
    String[] f = statFields(ProcessHandle.current().pid());
    return f == null ? -1 : (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000.0 / clockTicks;
  }

  /** Busy time of all cores (user, nice, system, irq, softirq, steal), ms. */
  double machineBusyMs() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(f[i]);
      }
      return busy * 1000.0 / clockTicks;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Seconds since the process started (field 22 of its stat against /proc/uptime). */
  double ageSeconds(long pid) {
    try {
      String[] f = statFields(pid);
      double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[0]);
      return f == null ? -1 : uptime - Long.parseLong(f[19]) / (double) clockTicks;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The fields after the command name (which may hold spaces and parentheses), so index 0 is field 3. */
  static String[] statFields(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static long status(long pid, String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(key + ":")) {
          return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended
    }
    return 0;
  }

  static long counter(MonitoredVm vm, String name) {
    try {
      Monitor m = vm.findByName(name);
      return m == null ? 0 : ((Number) m.getValue()).longValue();
    } catch (Exception e) {
      return -1;
    }
  }

  /** {compiles, compile ms} so far. */
  double[] jit(String name) {
    MonitoredVm vm = jvms.get(name);
    if (vm != null) {
      long frequency = Math.max(1, counter(vm, "sun.os.hrt.frequency"));
      return new double[] {counter(vm, "sun.ci.totalCompiles"), counter(vm, "java.ci.totalTime") * 1000.0 / frequency};
    }
    if (v8Logs.containsKey(name)) {
      readV8(name);
      return v8Totals.get(name).clone();
    }
    return null;
  }

  static long heapBytes(MonitoredVm vm) {
    return counter(vm, "sun.gc.generation.0.space.0.used") + counter(vm, "sun.gc.generation.0.space.1.used")
        + counter(vm, "sun.gc.generation.0.space.2.used") + counter(vm, "sun.gc.generation.1.space.0.used");
  }

  /** Counts complete new --trace-opt lines since the last read; a line still being written waits for next time. */
  synchronized void readV8(String name) {
    Path log = v8Logs.get(name);
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long from = v8Offsets.get(name);
      long length = file.length();
      if (length <= from) {
        return;
      }
      byte[] bytes = new byte[(int) Math.min(length - from, 64L << 20)];
      file.seek(from);
      file.readFully(bytes);
      int lastNewline = -1;
      for (int i = bytes.length - 1; i >= 0; i--) {
        if (bytes[i] == '\n') {
          lastNewline = i;
          break;
        }
      }
      if (lastNewline < 0) {
        return;
      }
      Matcher m = V8_COMPLETED.matcher(new String(bytes, 0, lastNewline + 1, StandardCharsets.ISO_8859_1));
      double[] totals = v8Totals.get(name);
      while (m.find()) {
        totals[0]++;
        totals[1] += Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)) + Double.parseDouble(m.group(3));
      }
      v8Offsets.put(name, from + lastNewline + 1);
    } catch (IOException | RuntimeException e) {
      // no log yet
    }
  }

  /** One measured phase. */
  static final class Phase {
    final Probe probe;
    final long startNanos = System.nanoTime();
    final Map<String, Double> cpuStart = new LinkedHashMap<>();
    final Map<String, double[]> jitStart = new LinkedHashMap<>();
    final double selfStart;
    final double machineStart;
    final Map<String, long[]> peaks = new LinkedHashMap<>(); // name -> {rss kB, threads, heap bytes}
    final Thread sampler;
    volatile boolean running = true;

    Phase(Probe probe) {
      this.probe = probe;
      probe.procs.forEach((name, pids) -> peaks.put(name, new long[3]));
      probe.jvms.keySet().forEach(name -> peaks.putIfAbsent(name, new long[3]));
      probe.procs.keySet().forEach(name -> jitStart.put(name, probe.jit(name)));
      probe.jvms.keySet().forEach(name -> jitStart.put(name, probe.jit(name)));
      sampler = Thread.ofPlatform().daemon().name("probe-sampler").start(this::sample);
      machineStart = probe.machineBusyMs();
      selfStart = probe.selfCpuMs();
      probe.procs.forEach((name, pids) -> cpuStart.put(name, probe.cpuMs(pids)));
    }

    void sample() {
      while (running) {
        probe.procs.forEach((name, pids) -> {
          long rss = 0, threads = 0;
          for (long pid : pids) {
            rss += status(pid, "VmRSS");
            threads += status(pid, "Threads");
          }
          long[] peak = peaks.get(name);
          peak[0] = Math.max(peak[0], rss);
          peak[1] = Math.max(peak[1], threads);
        });
        probe.jvms.forEach((name, vm) -> {
          long[] peak = peaks.get(name);
          peak[2] = Math.max(peak[2], heapBytes(vm));
        });
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** CPU ms per named process over the phase, plus loadgen, machine and other; JIT deltas; peaks. */
    Map<String, Object> end() {
      Map<String, Double> cpuEnd = new LinkedHashMap<>();
      probe.procs.forEach((name, pids) -> cpuEnd.put(name, probe.cpuMs(pids)));
      double selfEnd = probe.selfCpuMs();
      double machineEnd = probe.machineBusyMs();
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      running = false;
      sampler.interrupt();
      Map<String, Object> cpu = new LinkedHashMap<>();
      double ours = 0;
      for (String name : cpuEnd.keySet()) {
        double start = cpuStart.get(name), end = cpuEnd.get(name);
        double used = start < 0 || end < 0 ? -1 : end - start;
        cpu.put(name, used);
        ours += Math.max(0, used);
      }
      cpu.put("loadgen", selfEnd - selfStart);
      ours += selfEnd - selfStart;
      cpu.put("machine", machineEnd - machineStart);
      cpu.put("other", Math.max(0, machineEnd - machineStart - ours));
      Map<String, Object> jit = new LinkedHashMap<>();
      jitStart.forEach((name, start) -> {
        double[] now = probe.jit(name);
        if (start != null && now != null) {
          jit.put(name, Map.of("compiles", now[0] - start[0], "compile_ms", now[1] - start[1]));
        }
      });
      Map<String, Object> peak = new LinkedHashMap<>();
      peaks.forEach((name, p) -> {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("rss_mb", p[0] / 1024);
        one.put("threads", p[1]);
        if (probe.jvms.containsKey(name)) {
          one.put("heap_mb", p[2] >> 20);
        }
        peak.put(name, one);
      });
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("phase_s", seconds);
      result.put("cpu_ms", cpu);
      result.put("jit", jit);
      result.put("peak", peak);
      return result;
    }
  }

  // ---- a small JSON writer for the result lines (numbers, strings, booleans, maps, lists) ----

  static String json(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value);
    return out.toString();
  }

  static void write(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(first ? "" : ",");
        write(out, String.valueOf(e.getKey()));
        out.append(':');
        write(out, e.getValue());
        first = false;
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i > 0 ? "," : "");
        write(out, list.get(i));
      }
      out.append(']');
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      out.append(Double.isFinite(d) ? String.valueOf(Math.round(d * 1000) / 1000.0) : "null");
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      out.append('"');
      for (char c : value.toString().toCharArray()) {
        if (c == '"' || c == '\\') {
          out.append('\\').append(c);
        } else if (c < 0x20) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
      out.append('"');
    }
  }

}
