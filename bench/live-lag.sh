#!/usr/bin/env bash
# Live lag (issue 18): `netwatch run` follows a Squid log that bench/live_lag.py appends to at RATE lines/s for SECONDS,
# with the shipped lists and a seed school's policy (as import's "enriched" run); /metrics sampled every second: lag over
# time, its maximum, the batch latency histogram. Fresh store in a temp directory; prints the load beside the figures.
# Usage: bench/live-lag.sh [RATE] [SECONDS] [MEMORY] [POLICY]   (defaults 50000, 120, 1GB, policies/000-local-authority.yaml;
# DRAIN=seconds to wait for the service to catch up after the writer stops, default 60)
# Each second the service's RSS, CPU seconds (user + sys), WAL size and DuckDB temp (spill) size go to
# $BENCH_DIR/live-lag-samples.txt; the end prints the service's CPU seconds and the largest WAL and spill.
# Needs ../shared/tools/gen_squid_log.py (NETWATCH_SHARED to point elsewhere): its 1,000,000-line log is replayed.
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-50000}
seconds=${2:-120}
memory=${3:-1GB}
policy=${4:-policies/000-local-authority.yaml}
shared=${NETWATCH_SHARED:-../shared}
cache=${BENCH_DIR:-/tmp/netwatch-bench}
mkdir -p "$cache"
background="$cache/squid-1000000.log"
[ -s "$background" ] || python3 "$shared/tools/gen_squid_log.py" --seed 1 --lines 1000000 -o "$background"
# NO_BUILD=1 runs the build already in .build/netwatch (A/B runs of one build under different settings); BUILD_DIR=dir
# runs the build in dir instead (A/B of two builds, never rebuilt). KEEP_STORE=dir: the service is stopped at the end and
# its store moved to dir (to compare two runs' stores); the service's pid goes to $BENCH_DIR/live-lag.pid (for perf/strace).
# START_STORE=dir: the service starts on a copy of the store in dir instead of a fresh one (a restart on a store an earlier
# run kept: bench/restart-after-behind.sh); the followed file is new, so it reads from its start.
# EXTRA_YAML: more top-level lines for the service's configuration (an A/B of a setting: EXTRA_YAML='checkpoints: { side_file: true }').
build=${BUILD_DIR:-.build/netwatch}
[ -n "${BUILD_DIR:-}" ] || [ "${NO_BUILD:-0}" = 1 ] || dotnet publish src/NetWatch.Cli -c Release -nologo -v quiet -o .build/netwatch >/dev/null
work="$(mktemp -d)"; pid=""
# The service's log is kept beside the cached log (live-lag-service.log) for a look at what it did.
# The stop's wall time is printed: a service stopped after a long behind spell counts its owed roll-ups at the close.
trap 'stop0=$(date +%s.%N); [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null
      [ -n "$pid" ] && echo "service stop took $(awk -v a="$stop0" -v b="$(date +%s.%N)" "BEGIN { printf \"%.1f\", b - a }") s"; cp "$work/service.log" "$cache/live-lag-service.log" 2>/dev/null
      [ -n "${KEEP_STORE:-}" ] && rm -rf "$KEEP_STORE" && mv "$work/store" "$KEEP_STORE"; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
: > "$work/access.log"
[ -z "${START_STORE:-}" ] || cp -r "$START_STORE" "$work/store"
cat > "$work/netwatch.yaml" <<YAML
store: $work/store
api: { port: $port }
memory: $memory
enrich:
  lists: [$(pwd)/data/ut1, $(pwd)/data/lists/school-example]
  policy: $(pwd)/$policy
sources:
  - { name: proxy, path: $work/access.log, format: squid-native }
${EXTRA_YAML:-}
YAML
dotnet "$build/netwatch.dll" run --config "$work/netwatch.yaml" 2> "$work/service.log" & pid=$!
echo "$pid" > "$cache/live-lag.pid"
for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { echo "the service did not start:" >&2; cat "$work/service.log" >&2; exit 1; }
echo "live lag: $rate lines/s for ${seconds}s, memory $memory, lists + $policy; build $build (tree commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo +changes)); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
# Per-second samples of the service's process and store files (what grows, when checkpoints come).
samples="$cache/live-lag-samples.txt"
tick=$(getconf CLK_TCK)
( echo "t_s rss_mb cpu_s wal_mb spill_mb"; start=$(date +%s.%N)
  while kill -0 "$pid" 2>/dev/null; do
    read -r ut st < <(awk '{ print $14, $15 }' /proc/$pid/stat 2>/dev/null) || break
    rss=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' /proc/$pid/status 2>/dev/null)
    wal=$(stat -c %s "$work/store/netwatch.duckdb.wal" 2>/dev/null || echo 0)
    spill=$(du -sk "$work/store/netwatch.duckdb.tmp" 2>/dev/null | cut -f1 || true); spill=${spill:-0}
    awk -v t="$(date +%s.%N)" -v s0="$start" -v r="$rss" -v u="$ut" -v y="$st" -v k="$tick" -v w="$wal" -v sp="$spill" \
      'BEGIN { printf "%.1f %s %.2f %.1f %.1f\n", t - s0, r, (u + y) / k, w / 1048576, sp / 1024 }'
    sleep 1
  done ) > "$samples" 2>/dev/null & sampler=$!
status=0
python3 bench/live_lag.py --log "$work/access.log" --port "$port" --background "$background" --rate "$rate" --seconds "$seconds" --drain "${DRAIN:-60}" || status=$?
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg); service peak RSS $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' /proc/$pid/status)"
echo "service CPU $(awk -v k="$tick" '{ printf "%.1f s (%.1f user + %.1f sys)", ($14 + $15) / k, $14 / k, $15 / k }' /proc/$pid/stat);" \
  "largest WAL $(awk 'NR > 1 && $4 > m { m = $4 } END { printf "%.0f MB", m }' "$samples"), largest DuckDB spill $(awk 'NR > 1 && $5 > m { m = $5 } END { printf "%.0f MB", m }' "$samples") (per second: $samples)"
kill "$sampler" 2>/dev/null || true
exit $status
