#!/usr/bin/env bash
# Streaming benchmark: the same load against (a) the fake upstream directly, (b) nginx in front of it (buffering
# off: the floor of any proxy hop) and (c) Parley's /v1/chat/stream, in one run. Loopback only; every level is
# bounded (<= 30 s), the whole run stops by itself.
#
#   bench/run.sh                 # levels 1 50 200 1000 2000
#   bench/run.sh 1 200           # chosen levels
#   JFR=200 bench/run.sh 200     # also record Parley with JFR during that level (starting JFR deoptimizes
#                                # thousands of methods: that level's numbers are not comparable)
#   PROFILE=200 bench/run.sh 200 # CPU profile of Parley during that level with async-profiler (itimer; from Maven
#                                # Central): target/bench/<run>/parley-200-cpu.html (flame graph) and .collapsed
#   WARMUP_BURSTS=10 bench/run.sh 1   # a shorter warm-up (default 40 bursts of 200 streams)
#   PARLEY_DB_URL=jdbc:postgresql://... bench/run.sh   # Parley on another database (default: embedded H2)
#
# Needs: JDK 17 (Parley), a JDK 21+ for the load tools (virtual threads; default: Temurin 25 if present),
# nginx (installed with apt-get if missing), openssl. Results: target/bench/<time>/ and a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
LEVELS=${*:-1 50 200 1000 2000}
TOOLS_JAVA=${TOOLS_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PARLEY_JAVA=${PARLEY_JAVA:-java}
UPSTREAM_PORT=${UPSTREAM_PORT:-9101}
NGINX_PORT=${NGINX_PORT:-9102}
PARLEY_PORT=${PARLEY_PORT:-9103}
TOKENS=${TOKENS:-64}
GAP_MS=${GAP_MS:-20}
OUT=$ROOT/target/bench/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

[ -f target/parley.jar ] || ./mvnw -B -q -Pdist package
command -v nginx >/dev/null || { apt-get install -y -q nginx-light >/dev/null 2>&1 || apt-get install -y -q nginx >/dev/null; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/key.pem" 2>/dev/null
openssl pkey -in "$OUT/key.pem" -pubout -out "$OUT/pub.pem"

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  "$NGINX" -p "$OUT" -c "$OUT/nginx.conf" -s stop 2>/dev/null || true
}
trap cleanup EXIT

"$TOOLS_JAVA" bench/BenchUpstream.java --port "$UPSTREAM_PORT" --tokens "$TOKENS" --gap-ms "$GAP_MS" >"$OUT/upstream.log" 2>&1 &
PIDS+=($!)
sed -e "s#__DIR__#$OUT#g" -e "s#__UPSTREAM_PORT__#$UPSTREAM_PORT#" -e "s#__NGINX_PORT__#$NGINX_PORT#" bench/nginx.conf >"$OUT/nginx.conf"
"$NGINX" -p "$OUT" -c "$OUT/nginx.conf"

mkdir -p "$OUT/parley"
(cd "$OUT/parley" && exec env -i PATH="$PATH" HOME="$HOME" \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="file://$OUT/pub.pem" MP_JWT_VERIFY_ISSUER=parley-bench \
  PARLEY_OPENAI_BASE_URL="http://127.0.0.1:$UPSTREAM_PORT/v1" \
  PARLEY_TIERS_ENTERPRISE_REQUESTS_PER_MINUTE=10000000 PARLEY_TIERS_ENTERPRISE_CONCURRENT_STREAMS=100000 \
  PARLEY_CHAT_MAX_OPEN_STREAMS="${MAX_OPEN_STREAMS:-2500}" \
  ${PARLEY_DB_URL:+PARLEY_DB_URL="$PARLEY_DB_URL"} ${PARLEY_DB_USER:+PARLEY_DB_USER="$PARLEY_DB_USER"} \
  ${PARLEY_DB_PASSWORD:+PARLEY_DB_PASSWORD="$PARLEY_DB_PASSWORD"} \
  "$PARLEY_JAVA" -Xmx512m -Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl -jar "$ROOT/target/parley.jar" --port "$PARLEY_PORT" --nocluster >"$OUT/parley.log" 2>&1) &
PARLEY_PID=$!
PIDS+=($PARLEY_PID)
for _ in $(seq 1 120); do grep -q "ready in" "$OUT/parley.log" 2>/dev/null && break; sleep 1; done
grep -q "ready in" "$OUT/parley.log" || { echo "Parley did not start; see $OUT/parley.log"; exit 1; }
JPID=$(pgrep -f "parley.jar --port $PARLEY_PORT" | head -1)

profiler() { # async-profiler attached to Parley (tools.profiler:async-profiler from Maven Central)
  local lib=$ROOT/target/bench-tools/linux-x64/libasyncProfiler.so
  if [ ! -f "$lib" ]; then
    ./mvnw -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:4.1 -DoutputDirectory="$ROOT/target/bench-tools"
    (cd "$ROOT/target/bench-tools" && unzip -q -o async-profiler-4.1.jar linux-x64/libasyncProfiler.so)
  fi
  jcmd "$JPID" JVMTI.agent_load "$lib" "\"$1\"" >/dev/null
}

sample() { # peak RSS (MB), heap used (MB), live threads of Parley while a level runs
  # one jstat for the whole level: starting a JVM every half second would take CPU from Parley's level only
  jstat -gc "$JPID" 500 >"$OUT/jstat-$1.txt" 2>/dev/null &
  local jstat=$! peak_rss=0 peak_threads=0
  while [ -f "$OUT/sampling" ]; do
    rss=$(awk '/VmRSS/{print int($2/1024)}' /proc/"$JPID"/status 2>/dev/null || echo 0)
    threads=$(awk '/Threads/{print $2}' /proc/"$JPID"/status 2>/dev/null || echo 0)
    [ "${rss:-0}" -gt "$peak_rss" ] && peak_rss=$rss
    [ "${threads:-0}" -gt "$peak_threads" ] && peak_threads=$threads
    sleep 0.5
  done
  kill "$jstat" 2>/dev/null || true
  local peak_heap
  peak_heap=$(awk '$1 ~ /^[0-9.]+$/ {h = int(($3+$4+$6+$8)/1024); if (h > m) m = h} END {print m+0}' "$OUT/jstat-$1.txt")
  echo "{\"rss_mb\":$peak_rss,\"heap_mb\":$peak_heap,\"threads\":$peak_threads}"
}

# warm-up (JIT, connection pools, first-use users): a server in production is warm. Payara's C2 compiler keeps
# compiling for thousands of streams (about 40 % of Parley's CPU after 2,000 streams, still compiling after 8,000):
# by default 40 bursts of 200 streams, one load generator JVM, fresh connections per burst (about 2-3 minutes)
"$TOOLS_JAVA" bench/LoadGen.java --target parley --url "http://127.0.0.1:$PARLEY_PORT" --concurrency 50 --key "$OUT/key.pem" >/dev/null
"$TOOLS_JAVA" bench/LoadGen.java --target parley --url "http://127.0.0.1:$PARLEY_PORT" --concurrency 200 \
  --bursts "${WARMUP_BURSTS:-40}" --key "$OUT/key.pem" >/dev/null
for c in $LEVELS; do
  "$TOOLS_JAVA" bench/LoadGen.java --target direct --url "http://127.0.0.1:$UPSTREAM_PORT" --concurrency "$c" >>"$OUT/results.jsonl"
  "$TOOLS_JAVA" bench/LoadGen.java --target nginx --url "http://127.0.0.1:$NGINX_PORT" --concurrency "$c" >>"$OUT/results.jsonl"
  touch "$OUT/sampling"; sample "$c" >"$OUT/sample-$c.json" &
  SAMPLER=$!
  if [ "${JFR:-}" = "$c" ]; then jcmd "$JPID" JFR.start name=bench settings=profile filename="$OUT/parley-$c.jfr" >/dev/null; fi
  if [ "${PROFILE:-}" = "$c" ]; then profiler "start,event=itimer,interval=1ms"; fi
  "$TOOLS_JAVA" bench/LoadGen.java --target parley --url "http://127.0.0.1:$PARLEY_PORT" --concurrency "$c" --key "$OUT/key.pem" >>"$OUT/results.jsonl"
  if [ "${PROFILE:-}" = "$c" ]; then
    profiler "dump,file=$OUT/parley-$c-cpu.collapsed,collapsed"
    profiler "stop,file=$OUT/parley-$c-cpu.html,flamegraph"
  fi
  if [ "${JFR:-}" = "$c" ]; then jcmd "$JPID" JFR.stop name=bench >/dev/null; fi
  rm -f "$OUT/sampling"; wait "$SAMPLER"
done
if [ -n "${JFR:-}" ] && [ -f "$OUT/parley-$JFR.jfr" ]; then
  "$(dirname "$TOOLS_JAVA")/jfr" view --width 160 hot-methods "$OUT/parley-$JFR.jfr" >"$OUT/jfr-hot-methods.txt" 2>&1 || true
fi
python3 bench/table.py "$OUT" | tee "$OUT/table.md"
echo "results: $OUT"
