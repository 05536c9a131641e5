"""Turns a bench run's results.jsonl and samples into the Markdown table kept in README.md."""
import json, os, sys, platform, datetime

out = sys.argv[1]
rows = [json.loads(l) for l in open(os.path.join(out, "results.jsonl")) if l.strip()]
by = {(r["target"], r["concurrency"]): r for r in rows}
levels = sorted({r["concurrency"] for r in rows})
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"Run {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores ({cpu}), "
      f"{rows and 'tokens per stream ' + str(by[rows[0]['target'], rows[0]['concurrency']]['tokens'] // max(1, rows[0]['ok_streams']))}")
print()
print("| streams | direct TTFT p50 / p99 | nginx added p50 / p99 | Parley added p50 / p90 / p99 | tokens/s direct | nginx % | Parley % | Parley errors | Parley peak RSS / heap / threads |")
print("|---|---|---|---|---|---|---|---|---|")
for c in levels:
    d, n, p = by.get(("direct", c)), by.get(("nginx", c)), by.get(("parley", c))
    if not (d and n and p):
        continue
    s = {}
    path = os.path.join(out, f"sample-{c}.json")
    if os.path.exists(path):
        s = json.load(open(path))
    def add(x, k):
        return x[k] - d[k]
    errors = ", ".join(f"{k}: {v}" for k, v in p["errors"].items()) or "none"
    print(f"| {c} | {d['ttft_p50_ms']:.0f} / {d['ttft_p99_ms']:.0f} ms | {add(n,'ttft_p50_ms'):+.0f} / {add(n,'ttft_p99_ms'):+.0f} ms "
          f"| {add(p,'ttft_p50_ms'):+.0f} / {add(p,'ttft_p90_ms'):+.0f} / {add(p,'ttft_p99_ms'):+.0f} ms | {d['tokens_per_s']:.0f} "
          f"| {100*n['tokens_per_s']/d['tokens_per_s']:.0f} % | {100*p['tokens_per_s']/d['tokens_per_s']:.0f} % | {errors} "
          f"| {s.get('rss_mb','?')} MB / {s.get('heap_mb','?')} MB / {s.get('threads','?')} |")
