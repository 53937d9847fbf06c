#!/usr/bin/env bash
# What a restart after a behind spell costs the next run (issue 18, session 42): the live service is run behind
# (bench/live-lag.sh at BEHIND_RATE lines/s for BEHIND_SECONDS) and stopped, its store kept; then the service is started
# again on a copy of that store, followed at each RATE lines/s for SECONDS, and, beside it, on a fresh store at the
# same rate. Each restart's service log (NETWATCH_PHASES=1, NETWATCH_TIMELINE=1) is kept and summed up: the first
# checkpoints (bench/timeline-summary.py), the batches over 1 s in the first 60 s, the owed sessions' steps
# ("owed step" timeline lines: the session counted, its wall and CPU; builds from session 42 on) and the owed sessions
# left in the store at the end. Reads on the behind store before and after its pay-down: bench/owed-reads.sh.
# Usage: BUILD_DIR=DIR BENCH_DIR=DIR bench/restart-after-behind.sh [SECONDS] [RATE...]   (defaults 150, 20000 2000)
# BEHIND_STORE=dir (default $BENCH_DIR/behind-store): made when missing, then reused (each restart runs on a copy);
# BEHIND_RATE (50000), BEHIND_SECONDS (240); FRESH=0 leaves out the fresh-store runs. Stores kept after each run:
# $BENCH_DIR/restart-RATE-store (and fresh-RATE-store); logs $BENCH_DIR/{behind,restart-RATE,fresh-RATE}.{out,log}.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BUILD_DIR:?the build to run (a directory holding netwatch.dll)}"
bench=${BENCH_DIR:?a scratch directory holding squid-1000000.log}
seconds=${1:-150}
shift || true
rates=("$@")
[ $# -gt 0 ] || rates=(20000 2000)
behind=${BEHIND_STORE:-$bench/behind-store}
export BUILD_DIR BENCH_DIR NETWATCH_PHASES=1 NETWATCH_TIMELINE=1
cmp() { dotnet /work/big/cmp/out/cmp.dll q "$1/netwatch.duckdb" "$2"; }
owed() { cmp "$1" "SELECT count(DISTINCT owed) AS owed_sessions, count(*) AS owed_pairs FROM rollup_pending"; }

# One live-lag run; its output and service log kept under NAME, its store as NAME-store.
run() {
  local name=$1; shift
  echo "== $name: $* (load $(cut -d' ' -f1-3 /proc/loadavg))"
  KEEP_STORE="$bench/$name-store" "$@" bench/live-lag.sh "$rate" "$seconds" > "$bench/$name.out" 2>&1 || echo "(live-lag exit $?)"
  cp "$bench/live-lag-service.log" "$bench/$name.log"
  grep -E "^live lag|^load at the end|^service CPU|stop took|p99|batches" "$bench/$name.out" || true
}

if [ ! -f "$behind/netwatch.duckdb" ]; then
  rate=${BEHIND_RATE:-50000} restart_seconds=$seconds seconds=${BEHIND_SECONDS:-240}
  run behind env
  seconds=$restart_seconds
  [ "$behind" = "$bench/behind-store" ] || { rm -rf "$behind"; mv "$bench/behind-store" "$behind"; }
fi
echo "== the behind store: $(du -sh "$behind" | cut -f1)"
cmp "$behind" "SELECT count(*) AS events FROM events"
owed "$behind"

for rate in "${rates[@]}"; do
  for kind in restart fresh; do
    [ "$kind" = fresh ] && [ "${FRESH:-1}" = 0 ] && continue
    if [ "$kind" = restart ]; then run "restart-$rate" env START_STORE="$behind"; else run "fresh-$rate" env; fi
    python3 bench/timeline-summary.py "$bench/$kind-$rate.log" | head -20
    # The first 60 s of the run: main sessions and side commits over 1 s (timeline seconds since the process started).
    awk '/^timeline:/ && /latency/ { if (!t0) t0 = $2; if ($2 - t0 > 60) exit; match($0, /latency ([0-9.]+) s/, m); n++; if (m[1] > 1) over++; if (m[1] > max) max = m[1] }
         END { printf "first 60 s: %d batches, %d over 1 s, longest %.3f s\n", n, over, max }' "$bench/$kind-$rate.log"
    grep "owed step" "$bench/$kind-$rate.log" | awk '{ match($0, /session ([0-9]+) counted, ([0-9.]+) s wall ([0-9.]+) s CPU/, m); n++; w += m[2]; c += m[3]; if (m[2] > mw) mw = m[2]
         if (n == 1) first = $2; last = $2; if (int(($2 - first) / 10) != bucket || n == 1) { bucket = int(($2 - first) / 10); printf "  at %.1f s: session %s counted\n", $2, m[1] } }
         END { if (n) printf "owed steps: %d, from %.1f to %.1f s; wall %.2f s (longest %.3f), CPU %.2f s\n", n, first, last, w, mw, c; else print "owed steps: none logged" }'
    owed "$bench/$kind-$rate-store"
  done
done
