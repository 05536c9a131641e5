"""Prints the Markdown tables of a bench/run.sh run: python3 bench/table.py target/bench/<run> (or bench/results/<run>).

Reads meta.json (what was run where) and results.jsonl (one line per measured phase, bench/LoadGen.java):
a headline table in the issue's format, the bursts per target, the sustained scenario, and the warm-up curves.
CPU per stream = the process's utime+stime over the phase / streams that finished; per token = / tokens delivered.
Python 3 standard library only.
"""
import json
import os
import sys

GATEWAYS = ["parley", "portkey", "nginx"]
NAMES = {"direct": "direct", "nginx": "nginx", "portkey": "Portkey", "parley": "Parley"}


def load(run):
    meta = {}
    if os.path.exists(os.path.join(run, "meta.json")):
        meta = json.load(open(os.path.join(run, "meta.json")))
    rows = [json.loads(line) for line in open(os.path.join(run, "results.jsonl")) if line.strip().startswith("{")]
    return meta, rows


def num(value, fmt="{:.0f}", none="–"):
    return none if value is None or value < 0 else fmt.format(value)


def cpu(row, name=None):
    """ms of CPU of the target (or the named process) during the row's phase; None if not measured."""
    value = row.get("cpu_ms", {}).get(name or row["target"])
    return None if value is None or value < 0 else value


def per_stream(row, name=None):
    c = cpu(row, name)
    return c / row["ok_streams"] if c is not None and row.get("ok_streams") else None


def per_token_us(row, name=None):
    c = cpu(row, name)
    return 1000 * c / row["tokens"] if c is not None and row.get("tokens") else None


def cores(row, name):
    """average cores used by a process (or 'other': everything not ours) over the phase"""
    c = row.get("cpu_ms", {}).get(name)
    return None if c is None or c < 0 or not row.get("phase_s") else c / 1000 / row["phase_s"]


def errors(row, refusals=True):
    """errors by kind; with refusals: 503 refusals and late streams too (the sustained table has columns for them)"""
    kinds = dict(row.get("errors", {}))
    if refusals and row.get("refused_503"):
        kinds["503"] = row["refused_503"]
    if refusals and row.get("late"):
        kinds["late"] = row["late"]
    return ", ".join(f"{k} {v}" for k, v in kinds.items()) or "none"


def peak(row, name=None):
    p = row.get("peak", {}).get(name or row["target"])
    if not p:
        return "–"
    heap = f" / {p['heap_mb']} MB" if "heap_mb" in p else ""
    return f"{p['rss_mb']} MB{heap} / {p['threads']}"


def jit(row, name=None):
    j = row.get("jit", {}).get(name or row["target"])
    return "–" if not j else f"{j['compiles']:.0f} ({j['compile_ms']:.0f} ms)"


def header(meta):
    out = [f"Run {meta.get('started_utc', '?')} (UTC) on {meta.get('cpu', '?')}, {meta.get('cores', '?')} cores, "
           f"{meta.get('memory_gb', '?')} GB, Linux {meta.get('kernel', '?')}; load average at start {meta.get('loadavg', '?')}."]
    if meta.get("parley_jdk"):
        deploy = f", deploying {os.path.basename(meta['parley_deploy'])}" if meta.get("parley_deploy") else ""
        out.append(f"Parley {meta.get('parley_commit', '?')} (jar built {meta.get('parley_jar_built', '?')}) on {meta.get('payara') or '?'}{deploy}, "
                   f"{meta['parley_jdk']}, `{meta.get('parley_opts', '')}`, refusing beyond {meta.get('max_open_streams')} open streams.")
    if meta.get("portkey"):
        out.append(f"Portkey {meta['portkey']} (@hono/node-server {meta.get('hono', '?')}) on Node {meta.get('node', '?')}; "
                   f"{meta.get('nginx') or 'no nginx'}, one worker; load generator and upstream on {meta.get('tools_jdk', '?')}.")
    out.append(f"Upstream dialect {meta.get('dialect', 'openai')}, model `{meta.get('model', '')}`, {meta.get('users')} users. "
               f"Bursts: {meta.get('tokens')} tokens {meta.get('gap_ms')} ms apart. Sustained: {meta.get('sustained_tokens')} tokens "
               f"{meta.get('sustained_gap_ms')} ms apart, each level held {meta.get('sustained_seconds')} s, "
               f"deadline {meta.get('deadline_seconds')} s per stream.")
    if meta.get("note"):
        out.append(f"**{meta['note']}**")
    return "\n".join(out)


def headline(bursts, levels):
    """One row per level, the gateways side by side: the issue's table, CPU first."""
    by = {(r["target"], r["concurrency"]): r for r in bursts}
    print("| streams | CPU per stream, ms: Parley / Portkey / nginx | CPU per token, µs: Parley / Portkey / nginx "
          "| added TTFT p50 / p99, Parley | Portkey | nginx | tokens/s Parley / Portkey / direct |")
    print("|---:|---|---|---|---|---|---|")
    for c in levels:
        d = by.get(("direct", c))
        rows = {g: by.get((g, c)) for g in GATEWAYS}

        def added(g, key):
            r = rows[g]
            return f"{r[key] - d[key]:+.0f}" if r and d and r[key] >= 0 and d[key] >= 0 else "–"

        def each(fn, fmt):
            return " / ".join(num(fn(rows[g]) if rows[g] else None, fmt) for g in GATEWAYS)

        tps = " / ".join(num(r["tokens_per_s"]) if r else "–" for r in (rows["parley"], rows["portkey"], d))
        print(f"| {c} | {each(per_stream, '{:.1f}')} | {each(per_token_us, '{:.0f}')} "
              f"| {added('parley', 'ttft_p50_ms')} / {added('parley', 'ttft_p99_ms')} ms "
              f"| {added('portkey', 'ttft_p50_ms')} / {added('portkey', 'ttft_p99_ms')} ms "
              f"| {added('nginx', 'ttft_p50_ms')} / {added('nginx', 'ttft_p99_ms')} ms | {tps} |")


def burst_table(bursts, levels):
    by = {(r["target"], r["concurrency"]): r for r in bursts}
    print("| streams | target | CPU/stream | CPU/token | TTFT p50 / p90 / p99 | added p50 / p99 | tokens/s (% direct) "
          "| streams ok / errors | JIT compiles (time) | peak RSS / heap / threads | upstream · loadgen · other, cores |")
    print("|---:|---|---:|---:|---|---|---|---|---|---|---|")
    for c in levels:
        d = by.get(("direct", c))
        for t in ["direct", "nginx", "portkey", "parley"]:
            r = by.get((t, c))
            if not r:
                continue
            add = (f"{r['ttft_p50_ms'] - d['ttft_p50_ms']:+.0f} / {r['ttft_p99_ms'] - d['ttft_p99_ms']:+.0f} ms"
                   if d and t != "direct" and r["ttft_p50_ms"] >= 0 else "–")
            share = f" ({100 * r['tokens_per_s'] / d['tokens_per_s']:.0f} %)" if d and d["tokens_per_s"] else ""
            mine = t != "direct"
            print(f"| {c} | {NAMES[t]} | {num(per_stream(r) if mine else None, '{:.2f} ms')} "
                  f"| {num(per_token_us(r) if mine else None, '{:.0f} µs')} "
                  f"| {num(r['ttft_p50_ms'])} / {num(r['ttft_p90_ms'])} / {num(r['ttft_p99_ms'])} ms | {add} "
                  f"| {r['tokens_per_s']:.0f}{share} | {r['ok_streams']} / {errors(r)} | {jit(r) if mine else '–'} "
                  f"| {peak(r) if mine else '–'} "
                  f"| {num(cores(r, 'upstream'), '{:.2f}')} · {num(cores(r, 'loadgen'), '{:.2f}')} · {num(cores(r, 'other'), '{:.2f}')} |")


def idle_line(idle):
    """CPU each process spent with no load at all, after the warm-ups (5 s)."""
    parts = [f"{NAMES.get(name, name)} {num(cores(idle, name), '{:.2f}')}" for name in idle.get("cpu_ms", {})
             if name not in ("machine", "loadgen")]
    return (f"Idle after the warm-ups ({idle['phase_s']:.0f} s, no load), cores: " + ", ".join(parts)
            + ". At one stream a phase measures mostly this.")


def sustained_table(rows):
    print("| users | target | finished in time | late (no token yet) | 503 refusals (with Retry-After), p99 "
          "| other errors | TTFT p50 / p99 | CPU/stream | CPU/token | streams/s in time | streams per CPU-second "
          "| peak RSS / heap / threads | other load, cores |")
    print("|---:|---|---:|---|---|---|---|---:|---:|---:|---:|---|---:|")
    order = {"direct": 0, "nginx": 1, "portkey": 2, "parley": 3}
    for r in sorted(rows, key=lambda r: (r["concurrency"], order.get(r["target"], 9))):
        mine = r["target"] != "direct"
        cps = per_stream(r) if mine else None
        refusals = (f"{r['refused_503']} ({r['refused_retry_after']}), {num(r['refusal_p99_ms'])} ms"
                    if r["refused_503"] else "0")
        print(f"| {r['concurrency']} | {NAMES[r['target']]} | {r['ok_streams']} of {r['started']} "
              f"| {r['late']} ({r['late_no_token']}) | {refusals} | {errors(r, refusals=False)} "
              f"| {num(r['ttft_p50_ms'])} / {num(r['ttft_p99_ms'])} ms | {num(cps, '{:.2f} ms')} "
              f"| {num(per_token_us(r) if mine else None, '{:.0f} µs')} | {r['ok_streams'] / r['seconds']:.1f} "
              f"| {num(1000 / cps if cps else None, '{:.0f}')} | {peak(r) if mine else '–'} | {num(cores(r, 'other'), '{:.2f}')} |")


def within(curve, steady, share=0.2):
    """First burst from which every later burst's CPU per stream is within ±share of steady state."""
    for i, b in enumerate(curve):
        if all(x["cpu_ms_per_stream"] >= 0 and abs(x["cpu_ms_per_stream"] - steady) <= share * steady for x in curve[i:]):
            return b
    return None


def warmup_tables(curves, summaries):
    print("| gateway | verdict | bursts (streams) | steady CPU/stream | ready after | within 20 % of steady after "
          "| first burst ÷ steady | last 3 bursts' JIT compiles |")
    print("|---|---|---|---:|---:|---|---:|---|")
    for s in summaries:
        curve = curves.get(s["target"], [])
        steady = s["steady_cpu_ms_per_stream"]
        w = within(curve, steady) if steady > 0 else None
        first = curve[0]["cpu_ms_per_stream"] / steady if curve and steady > 0 else None
        reach = (f"{w['t_s']:.0f} s from start, {w['streams_so_far']} streams (burst {w['burst']})" if w else "–")
        compiles = ", ".join(jit(b) for b in curve[-3:])
        print(f"| {NAMES[s['target']]} | {s['verdict']} | {s['bursts']} ({s['streams']}) | {num(steady, '{:.2f} ms')} "
              f"| {num(s['ready_s'], '{:.0f} s')} | {reach} | {num(first, '{:.1f}×')} | {compiles} |")
    for s in summaries:
        print()
        print(f"{NAMES[s['target']]}, warm-up curve (bursts of {s['concurrency']}; t from the process's start):")
        print()
        print("| burst | t | streams so far | CPU/stream | JIT compiles (time) | TTFT p50 / p99 | errors |")
        print("|---:|---:|---:|---:|---|---|---|")
        for b in curves.get(s["target"], []):
            print(f"| {b['burst']} | {b['t_s']:.0f} s | {b['streams_so_far']} | {num(b['cpu_ms_per_stream'], '{:.2f} ms')} "
                  f"| {jit(b)} | {num(b['ttft_p50_ms'])} / {num(b['ttft_p99_ms'])} ms | {errors(b)} |")


def main(run):
    meta, rows = load(run)
    bursts = [r for r in rows if r.get("kind", "burst") == "burst"]
    sustained = [r for r in rows if r.get("kind") == "sustained"]
    curves = {}
    for r in rows:
        if r.get("kind") == "warmup-burst":
            curves.setdefault(r["target"], []).append(r)
    summaries = [r for r in rows if r.get("kind") == "warmup"]
    idle = next((r for r in rows if r.get("kind") == "idle"), None)
    print(header(meta))
    if bursts:
        levels = sorted({r["concurrency"] for r in bursts})
        print()
        print("Bursts: C streams opened at once on fresh connections, after the warm-up below. Added TTFT is against direct.")
        print()
        headline(bursts, levels)
        if idle:
            print()
            print(idle_line(idle))
        print()
        burst_table(bursts, levels)
    if sustained:
        print()
        print("Sustained: each level keeps C users streaming back to back; a stream not finished by its deadline is late "
              f"(cut off); a refused or failed request's user comes back after {sustained[0].get('refusal_pause_ms', 1000)} ms.")
        print()
        sustained_table(sustained)
    if summaries:
        print()
        print("Warm-up: steady when, for three bursts in a row, the JIT compiled at most "
              f"{summaries[0]['steady_compiles']} methods per burst and CPU per stream stayed within "
              f"±{100 * summaries[0]['steady_tolerance']:.0f} % of their mean (that mean is the steady state).")
        print()
        warmup_tables(curves, summaries)


if __name__ == "__main__":
    main(sys.argv[1])
