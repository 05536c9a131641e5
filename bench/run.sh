#!/usr/bin/env bash
# Streaming benchmark, one command: the same fake upstream (bench/BenchUpstream.java) reached directly, through nginx
# (buffering off: the floor of any proxy hop), through Portkey (the Node gateway, bench/portkey) and through Parley's
# /v1/chat/stream, in one run, loopback only. For every gateway it measures what users feel (time to first token,
# tokens/s, refusals, streams late for their deadline) and what the server spends (CPU per stream and per token from
# /proc, JIT compilations, peak RSS/heap/threads). See docs/benchmarks.md for the method.
#
#   bench/run.sh                          # the default set (about 15 minutes on 2 idle cores)
#   bench/run.sh 1 200                    # only these burst levels (same as BURST_LEVELS="1 200")
#
# Knobs (environment):
#   SCENARIO=burst|sustained|both         both (default)
#   TARGETS="direct nginx portkey parley" which targets (default all four; direct is the reference for added TTFT)
#   BURST_LEVELS="1 50 200 1000 2000"     concurrent streams per burst; TOKENS=64 GAP_MS=20 per reply
#   SUSTAINED_LEVELS="200 1000 2000"      users holding one stream each; SUSTAINED_SECONDS=20 hold per level,
#   DEADLINE_SECONDS=20                   deadline per stream; SUSTAINED_TOKENS=400 SUSTAINED_GAP_MS=25 per reply
#   WARMUP_MAX_SECONDS=150                bound of each gateway's warm-up (0: no warm-up, measure a cold server);
#   WARMUP_MAX_BURSTS=60 WARMUP_CONCURRENCY=200 STEADY_COMPILES=20 STEADY_TOLERANCE=0.10  (steady-state rule)
#   DIALECT=openai|anthropic              the upstream's API; anthropic needs PARLEY_PROVIDER_ENV for Parley
#   PARLEY_PROVIDER_ENV="K=V ..."         Parley's provider settings, {upstream} = http://127.0.0.1:$UPSTREAM_PORT
#                                         (default for openai: PARLEY_OPENAI_BASE_URL={upstream}/v1)
#   MODEL=gpt-4                           model name sent by the load generator (anthropic default: claude-bench)
#   PARLEY_JAVA=java                      the JVM that runs Parley, e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
#   PARLEY_JAR=target/parley.jar          an executable Parley jar, or a Payara Micro jar with PARLEY_DEPLOY=x.war
#   PARLEY_DEPLOY=                        a WAR deployed at / by PARLEY_JAR (e.g. Payara Micro 7.2026.11)
#   PAYARA_MICRO=7.2026.11                shorthand: that Payara Micro (fetched from Maven Central into
#                                         target/bench-tools) deploying target/ROOT.war; needs PARLEY_JAVA on JDK 21+
#   PARLEY_OPTS="-Xmx512m -XX:+UseParallelGC -XX:-TieredCompilation -Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl"
#                                         Parley's JVM options (those of docs/operations.md)
#   MAX_OPEN_STREAMS=2500                 PARLEY_CHAT_MAX_OPEN_STREAMS: where Parley starts refusing with 503
#   PROFILE=<level>                       async-profiler on Parley during that burst level (itimer; Maven Central):
#                                         target/bench/<run>/parley-<level>-cpu.html and .collapsed
#   JFR=<level>                           JFR recording of Parley during that burst level (starting JFR deoptimizes
#                                         thousands of methods: that level's numbers are not comparable)
#   NOTE="..."                            a line printed under the tables' header (e.g. "smoke run, busy machine")
#   SAVE=<label>                          copy the run's results to bench/results/<date>-<label>/ for committing
#   TOOLS_JAVA=<JDK 22+ java>             runs the upstream and load generator (default: Temurin 25)
#   UPSTREAM_PORT=9101 NGINX_PORT=9102 PARLEY_PORT=9103 PORTKEY_PORT=9104
#
# Needs: a JDK 17+ for Parley, a JDK 22+ for the tools, Node 18+ and npm (Portkey, installed into bench/portkey on
# first use), nginx (apt-get installs it if missing), openssl, curl, python3. Output: target/bench/<UTC time>/
# (results.jsonl, meta.json, logs, table.md). Every phase is bounded in time; the run stops by itself and stops only
# the processes it started.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SCENARIO=${SCENARIO:-both}
TARGETS=${TARGETS:-direct nginx portkey parley}
BURST_LEVELS=${BURST_LEVELS:-${*:-1 50 200 1000 2000}}
SUSTAINED_LEVELS=${SUSTAINED_LEVELS:-200 1000 2000}
SUSTAINED_SECONDS=${SUSTAINED_SECONDS:-20}
DEADLINE_SECONDS=${DEADLINE_SECONDS:-20}
SUSTAINED_TOKENS=${SUSTAINED_TOKENS:-400}
SUSTAINED_GAP_MS=${SUSTAINED_GAP_MS:-25}
TOKENS=${TOKENS:-64}
GAP_MS=${GAP_MS:-20}
WARMUP_MAX_SECONDS=${WARMUP_MAX_SECONDS:-150}
WARMUP_MAX_BURSTS=${WARMUP_MAX_BURSTS:-60}
WARMUP_CONCURRENCY=${WARMUP_CONCURRENCY:-200}
STEADY_COMPILES=${STEADY_COMPILES:-20}
STEADY_TOLERANCE=${STEADY_TOLERANCE:-0.10}
DIALECT=${DIALECT:-openai}
USERS=${USERS:-100}
MAX_OPEN_STREAMS=${MAX_OPEN_STREAMS:-2500}
TOOLS_JAVA=${TOOLS_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PARLEY_JAVA=${PARLEY_JAVA:-java}
PAYARA_MICRO=${PAYARA_MICRO:-}
if [ -n "$PAYARA_MICRO" ]; then
  PARLEY_JAR=${PARLEY_JAR:-$ROOT/target/bench-tools/payara-micro-$PAYARA_MICRO.jar}
  PARLEY_DEPLOY=${PARLEY_DEPLOY:-$ROOT/target/ROOT.war}
fi
PARLEY_JAR=${PARLEY_JAR:-$ROOT/target/parley.jar}
PARLEY_DEPLOY=${PARLEY_DEPLOY:-}
PARLEY_OPTS=${PARLEY_OPTS:--Xmx512m -XX:+UseParallelGC -XX:-TieredCompilation -Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl}
UPSTREAM_PORT=${UPSTREAM_PORT:-9101}
NGINX_PORT=${NGINX_PORT:-9102}
PARLEY_PORT=${PARLEY_PORT:-9103}
PORTKEY_PORT=${PORTKEY_PORT:-9104}
UPSTREAM=http://127.0.0.1:$UPSTREAM_PORT
if [ "$DIALECT" = anthropic ]; then MODEL=${MODEL:-claude-bench}; else MODEL=${MODEL:-gpt-4}; fi
if [ -z "${PARLEY_PROVIDER_ENV:-}" ]; then
  if [ "$DIALECT" = openai ]; then
    PARLEY_PROVIDER_ENV="PARLEY_OPENAI_BASE_URL={upstream}/v1"
  elif [[ " $TARGETS " == *" parley "* ]]; then
    echo "DIALECT=$DIALECT: set PARLEY_PROVIDER_ENV to Parley's provider settings for it, e.g." >&2
    echo "  PARLEY_PROVIDER_ENV='PARLEY_...=anthropic PARLEY_..._BASE_URL={upstream}/v1' (or leave parley out of TARGETS)" >&2
    exit 2
  fi
fi
case "$SCENARIO" in burst|sustained|both) ;; *) echo "SCENARIO=burst|sustained|both" >&2; exit 2 ;; esac
case "$DIALECT" in openai|anthropic) ;; *) echo "DIALECT=openai|anthropic" >&2; exit 2 ;; esac
has() { [[ " $TARGETS " == *" $1 "* ]]; }
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

STARTED=$(date -u +%s)
LOADAVG_AT_START=$(cut -d" " -f1-3 /proc/loadavg)
OUT=$ROOT/target/bench/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# ---- prerequisites ----
[ -x "$TOOLS_JAVA" ] || { echo "TOOLS_JAVA=$TOOLS_JAVA: no JDK 22+ there" >&2; exit 2; }
for port in "$UPSTREAM_PORT" "$NGINX_PORT" "$PARLEY_PORT" "$PORTKEY_PORT"; do
  if ss -ltnH "( sport = :$port )" | grep -q .; then echo "port $port is in use (another run?): set *_PORT" >&2; exit 2; fi
done
if has parley && [ -n "$PAYARA_MICRO" ] && [ ! -f "$PARLEY_JAR" ]; then
  log "fetching Payara Micro $PAYARA_MICRO from Maven Central"
  ./mvnw -B -q dependency:copy -Dartifact="fish.payara.extras:payara-micro:$PAYARA_MICRO" -DoutputDirectory="$ROOT/target/bench-tools"
fi
if has parley && { [ ! -f "$PARLEY_JAR" ] || { [ -n "$PARLEY_DEPLOY" ] && [ ! -f "$PARLEY_DEPLOY" ]; }; }; then
  case "$PARLEY_JAR${PARLEY_DEPLOY:+ $PARLEY_DEPLOY}" in
    "$ROOT/target/parley.jar" | *" $ROOT/target/ROOT.war") ;;
    *) echo "PARLEY_JAR=$PARLEY_JAR or PARLEY_DEPLOY=$PARLEY_DEPLOY not found" >&2; exit 2 ;;
  esac
  log "building target/parley.jar and target/ROOT.war"
  ./mvnw -B -q -Pdist package -DskipTests # the benchmark measures the build, the tests are ./mvnw verify's job
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if has nginx && [ ! -x "$NGINX" ]; then
  log "installing nginx (Debian)" # the image's policy-rc.d keeps the package from starting a system nginx
  apt-get install -y -q nginx-light >/dev/null 2>&1 || apt-get install -y -q nginx >/dev/null
fi
if has portkey; then
  if [ ! -d bench/portkey/node_modules/@portkey-ai/gateway ]; then
    log "installing Portkey into bench/portkey (npm ci)"
    (cd bench/portkey && npm ci --no-audit --no-fund >/dev/null)
  fi
  bash bench/portkey/patch.sh # idempotent; npm's postinstall ran it too, unless scripts were switched off
fi

# the tools compiled once (the source launcher would compile them again for each of the ~50 phases)
JVMSTAT=(--add-exports jdk.internal.jvmstat/sun.jvmstat.monitor=ALL-UNNAMED)
"$(dirname "$TOOLS_JAVA")/javac" -nowarn -d "$OUT/tools" "${JVMSTAT[@]}" bench/BenchUpstream.java bench/Probe.java bench/LoadGen.java

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/key.pem" 2>/dev/null
openssl pkey -in "$OUT/key.pem" -pubout -out "$OUT/pub.pem"

# ---- processes: every one started here is tracked by pid and only those are stopped ----
PIDS=()
cleanup() {
  set +e
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for _ in $(seq 1 30); do
    alive=0
    for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.5
  done
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
  rm -f "$OUT/sampling"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() { # wait_for <seconds> <command...>: poll until the command succeeds
  local limit=$1; shift
  for _ in $(seq 1 $((limit * 2))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  return 1
}
loadgen() { # loadgen <outer time bound in s> <args...>
  local bound=$1; shift
  # --foreground: stay in the run's process group, so that Ctrl-C reaches the load generator too
  timeout --foreground -k 5 "$bound" "$TOOLS_JAVA" "${JVMSTAT[@]}" -cp "$OUT/tools" LoadGen --clk-tck "$(getconf CLK_TCK)" \
    --dialect "$DIALECT" --model "$MODEL" --upstream-url "$UPSTREAM" --users "$USERS" --key "$OUT/key.pem" "${PROBES[@]}" "$@"
}
url_of() {
  case $1 in
    direct) echo "$UPSTREAM" ;;
    nginx) echo "http://127.0.0.1:$NGINX_PORT" ;;
    portkey) echo "http://127.0.0.1:$PORTKEY_PORT" ;;
    parley) echo "http://127.0.0.1:$PARLEY_PORT" ;;
  esac
}

"$TOOLS_JAVA" -cp "$OUT/tools" BenchUpstream --port "$UPSTREAM_PORT" --dialect "$DIALECT" --tokens "$TOKENS" --gap-ms "$GAP_MS" \
  >"$OUT/upstream.log" 2>&1 &
UPSTREAM_PID=$!
PIDS+=("$UPSTREAM_PID")
wait_for 30 curl -sf "$UPSTREAM/bench/pace" || { echo "the upstream did not start; see $OUT/upstream.log" >&2; exit 1; }
PROBES=(--proc "upstream=$UPSTREAM_PID" --jvm "upstream=$UPSTREAM_PID")

if has nginx; then
  sed -e "s#__DIR__#$OUT#g" -e "s#__UPSTREAM_PORT__#$UPSTREAM_PORT#" -e "s#__NGINX_PORT__#$NGINX_PORT#" bench/nginx.conf >"$OUT/nginx.conf"
  mkdir -p "$OUT/nginx-tmp"
  "$NGINX" -p "$OUT" -c "$OUT/nginx.conf" -e "$OUT/nginx-error.log" & # daemon off: $! is the master
  NGINX_PID=$!
  PIDS+=("$NGINX_PID")
  wait_for 10 curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/bench/pace" || { echo "nginx did not start; see $OUT/nginx-error.log" >&2; exit 1; }
  NGINX_PIDS=$NGINX_PID
  for w in $(pgrep -P "$NGINX_PID"); do NGINX_PIDS+="+$w"; done # its workers: CPU of master and workers is summed
  PROBES+=(--proc "nginx=$NGINX_PIDS")
fi

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

start_portkey() {
  local t0; t0=$(now)
  # --trace-opt: one log line per finished TurboFan job, counted per phase as V8's compilations (bench/Probe.java)
  (cd bench/portkey && NODE_ENV=production exec node --trace-opt --require ./loopback.cjs \
    node_modules/@portkey-ai/gateway/build/start-server.js --port="$PORTKEY_PORT" --headless) >"$OUT/portkey.log" 2>&1 &
  PORTKEY_PID=$!
  PIDS+=("$PORTKEY_PID")
  log "starting Portkey (pid $PORTKEY_PID)"
  wait_for 30 curl -s -o /dev/null "http://127.0.0.1:$PORTKEY_PORT/" || { echo "Portkey did not start; see $OUT/portkey.log" >&2; exit 1; }
  READY_S=$(since "$t0")
  PROBES+=(--proc "portkey=$PORTKEY_PID" --v8log "portkey=$OUT/portkey.log")
}

start_parley() {
  local t0; t0=$(now)
  local provider_env=()
  for assignment in $PARLEY_PROVIDER_ENV; do provider_env+=("${assignment//\{upstream\}/$UPSTREAM}"); done
  mkdir -p "$OUT/parley"
  # shellcheck disable=SC2086 # PARLEY_OPTS are words
  (cd "$OUT/parley" && exec env -i PATH="$PATH" HOME="$HOME" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="file://$OUT/pub.pem" MP_JWT_VERIFY_ISSUER=parley-bench \
    "${provider_env[@]}" \
    PARLEY_TIERS_ENTERPRISE_REQUESTS_PER_MINUTE=10000000 PARLEY_TIERS_ENTERPRISE_CONCURRENT_STREAMS=100000 \
    PARLEY_CHAT_MAX_OPEN_STREAMS="$MAX_OPEN_STREAMS" \
    ${PARLEY_DB_URL:+PARLEY_DB_URL="$PARLEY_DB_URL"} ${PARLEY_DB_USER:+PARLEY_DB_USER="$PARLEY_DB_USER"} \
    ${PARLEY_DB_PASSWORD:+PARLEY_DB_PASSWORD="$PARLEY_DB_PASSWORD"} \
    "$PARLEY_JAVA" $PARLEY_OPTS -jar "$PARLEY_JAR" ${PARLEY_DEPLOY:+--deploy "$PARLEY_DEPLOY" --contextroot /} \
    --port "$PARLEY_PORT" --nocluster) >"$OUT/parley.log" 2>&1 & # exec all the way down: $! is the JVM
  PARLEY_PID=$!
  PIDS+=("$PARLEY_PID")
  log "starting Parley (pid $PARLEY_PID)"
  for _ in $(seq 1 240); do
    grep -q "ready in" "$OUT/parley.log" 2>/dev/null && break
    kill -0 "$PARLEY_PID" 2>/dev/null || break
    sleep 1
  done
  grep -q "ready in" "$OUT/parley.log" || { echo "Parley did not start; see $OUT/parley.log" >&2; exit 1; }
  READY_S=$(since "$t0")
  PROBES+=(--proc "parley=$PARLEY_PID" --jvm "parley=$PARLEY_PID")
  JCMD=$(dirname "$(readlink -f "$(command -v "$PARLEY_JAVA")")")/jcmd
  [ -x "$JCMD" ] || JCMD=jcmd
}

smoke() { # fail loudly before measuring: one streamed request must answer 200 and stream to its end
  if ! loadgen 60 --mode smoke --target "$1" --url "$(url_of "$1")"; then
    # Payara prints "ready in" even when the deployment failed: show the first error of its log
    [ "$1" = parley ] && grep -m 3 -A 1 "SEVERE" "$OUT/parley.log" | cut -c1-400 >&2
    echo "smoke test of $1 failed; see $OUT/*.log" >&2
    exit 1
  fi
}

RESULTS=$OUT/results.jsonl
for t in direct nginx; do has "$t" && smoke "$t"; done

# ---- each gateway is started just before its warm-up, so that the warm-up curve's time from start is its own;
# Parley first: the compile backlog it leaves behind drains while Portkey starts and warms up, not while the levels
# are measured. Warm-up: bursts until steady state, or the bound (bench/LoadGen.java warmupMode) ----
for g in parley portkey; do
  has "$g" || continue
  "start_$g"
  smoke "$g"
  if [ "$WARMUP_MAX_SECONDS" -gt 0 ]; then
    log "warm-up $g: bursts of $WARMUP_CONCURRENCY until steady (at most $WARMUP_MAX_SECONDS s)"
    loadgen $((WARMUP_MAX_SECONDS + 120)) --mode warmup --target "$g" --url "$(url_of "$g")" --ready-seconds "$READY_S" \
      --concurrency "$WARMUP_CONCURRENCY" --max-seconds "$WARMUP_MAX_SECONDS" --max-bursts "$WARMUP_MAX_BURSTS" \
      --steady-compiles "$STEADY_COMPILES" --steady-tolerance "$STEADY_TOLERANCE" >>"$RESULTS"
  fi
done
# what every process spends with no load at all: at one stream, that is most of what a phase measures
loadgen 30 --mode idle --seconds 5 >>"$RESULTS"

# what was measured, for the tables
export OUT SCENARIO TARGETS BURST_LEVELS SUSTAINED_LEVELS SUSTAINED_SECONDS DEADLINE_SECONDS SUSTAINED_TOKENS \
  SUSTAINED_GAP_MS TOKENS GAP_MS WARMUP_MAX_SECONDS WARMUP_MAX_BURSTS WARMUP_CONCURRENCY STEADY_COMPILES \
  STEADY_TOLERANCE DIALECT MODEL USERS MAX_OPEN_STREAMS PARLEY_OPTS PARLEY_JAR PARLEY_DEPLOY
export META_NOTE=${NOTE:-}
export META_LOADAVG=$LOADAVG_AT_START
export META_TOOLS_JDK=$("$TOOLS_JAVA" -version 2>&1 | sed -n 2p)
export META_PARLEY_JDK=$(has parley && "$PARLEY_JAVA" -version 2>&1 | sed -n 2p || true)
export META_PAYARA=$(has parley && grep -o 'Payara Micro [0-9][^ ]* (build [0-9]*)' "$OUT/parley.log" | head -1 || true)
# the commit the jar was most likely built from: HEAD, and whether src/ or pom.xml differ from it
export META_PARLEY_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo "?")$( [ -n "$(git status --porcelain -- src pom.xml 2>/dev/null)" ] && echo " + uncommitted changes in src/" || true)
export META_PARLEY_JAR_BUILT=$(has parley && date -u -r "${PARLEY_DEPLOY:-$PARLEY_JAR}" +%Y-%m-%dT%H:%MZ || true)
export META_NODE=$(has portkey && node --version || true)
export META_PORTKEY=$(has portkey && sed -n 's/^  "version": "\(.*\)",/\1/p' bench/portkey/node_modules/@portkey-ai/gateway/package.json || true)
export META_HONO=$(has portkey && sed -n 's/^  "version": "\(.*\)",/\1/p' bench/portkey/node_modules/@hono/node-server/package.json || true)
export META_NGINX=$(has nginx && "$NGINX" -v 2>&1 | sed 's#.*: ##' || true)
python3 - <<'PY'
import json, os
keys = ["SCENARIO", "TARGETS", "BURST_LEVELS", "SUSTAINED_LEVELS", "SUSTAINED_SECONDS", "DEADLINE_SECONDS",
        "SUSTAINED_TOKENS", "SUSTAINED_GAP_MS", "TOKENS", "GAP_MS", "WARMUP_MAX_SECONDS", "WARMUP_MAX_BURSTS",
        "WARMUP_CONCURRENCY", "STEADY_COMPILES", "STEADY_TOLERANCE", "DIALECT", "MODEL", "USERS", "MAX_OPEN_STREAMS",
        "PARLEY_OPTS", "PARLEY_JAR", "PARLEY_DEPLOY"]
meta = {k.lower(): os.environ.get(k, "") for k in keys}
meta.update({k[5:].lower(): v for k, v in os.environ.items() if k.startswith("META_")})
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((int(l.split()[1]) // 1024 // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
meta.update(cpu=cpu, cores=os.cpu_count(), memory_gb=mem, kernel=os.uname().release,
            started_utc=os.path.basename(os.environ["OUT"]))
json.dump(meta, open(os.path.join(os.environ["OUT"], "meta.json"), "w"), indent=1)
PY

profiler() { # async-profiler attached to Parley (tools.profiler:async-profiler from Maven Central)
  local lib=$ROOT/target/bench-tools/linux-x64/libasyncProfiler.so
  if [ ! -f "$lib" ]; then
    ./mvnw -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:4.1 -DoutputDirectory="$ROOT/target/bench-tools"
    (cd "$ROOT/target/bench-tools" && unzip -q -o async-profiler-4.1.jar linux-x64/libasyncProfiler.so)
  fi
  "$JCMD" "$PARLEY_PID" JVMTI.agent_load "$lib" "\"$1\"" >/dev/null
}

# ---- bursts: C streams at once, each target in turn ----
if [ "$SCENARIO" != sustained ]; then
  for c in $BURST_LEVELS; do
    for t in $TARGETS; do
      log "burst $c $t"
      if [ "$t" = parley ] && [ "${JFR:-}" = "$c" ]; then
        "$JCMD" "$PARLEY_PID" JFR.start name=bench settings=profile filename="$OUT/parley-$c.jfr" >/dev/null
      fi
      if [ "$t" = parley ] && [ "${PROFILE:-}" = "$c" ]; then profiler "start,event=itimer,interval=1ms"; fi
      loadgen 120 --mode burst --target "$t" --url "$(url_of "$t")" --concurrency "$c" >>"$RESULTS"
      if [ "$t" = parley ] && [ "${PROFILE:-}" = "$c" ]; then
        profiler "dump,file=$OUT/parley-$c-cpu.collapsed,collapsed"
        profiler "stop,file=$OUT/parley-$c-cpu.html,flamegraph"
      fi
      if [ "$t" = parley ] && [ "${JFR:-}" = "$c" ]; then "$JCMD" "$PARLEY_PID" JFR.stop name=bench >/dev/null; fi
    done
  done
  if [ -n "${JFR:-}" ] && [ -f "$OUT/parley-$JFR.jfr" ]; then
    "$(dirname "$TOOLS_JAVA")/jfr" view --width 160 hot-methods "$OUT/parley-$JFR.jfr" >"$OUT/jfr-hot-methods.txt" 2>&1 || true
  fi
fi

# ---- sustained: each level holds its users for SUSTAINED_SECONDS, realistic replies, a deadline per stream ----
if [ "$SCENARIO" != burst ]; then
  curl -sf -X POST "$UPSTREAM/bench/pace?tokens=$SUSTAINED_TOKENS&gap_ms=$SUSTAINED_GAP_MS" >/dev/null
  for c in $SUSTAINED_LEVELS; do
    for t in $TARGETS; do
      log "sustained $c $t (${SUSTAINED_SECONDS} s, deadline ${DEADLINE_SECONDS} s)"
      loadgen $((SUSTAINED_SECONDS + DEADLINE_SECONDS + 120)) --mode sustained --target "$t" --url "$(url_of "$t")" \
        --concurrency "$c" --hold-seconds "$SUSTAINED_SECONDS" --deadline-seconds "$DEADLINE_SECONDS" >>"$RESULTS"
    done
  done
  curl -sf -X POST "$UPSTREAM/bench/pace?tokens=$TOKENS&gap_ms=$GAP_MS" >/dev/null
fi

python3 bench/table.py "$OUT" | tee "$OUT/table.md"
if [ -n "${SAVE:-}" ]; then
  DEST=$ROOT/bench/results/$(date -u +%Y-%m-%d)-$SAVE
  mkdir -p "$DEST"
  cp "$OUT/table.md" "$OUT/results.jsonl" "$OUT/meta.json" "$DEST/"
  log "saved to ${DEST#"$ROOT"/} (commit it)"
fi
log "done in $(( $(date -u +%s) - STARTED )) s; results: $OUT"
