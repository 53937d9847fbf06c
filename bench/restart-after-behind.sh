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
# BEHIND_RATE (50000), BEHIND_SECONDS (240); KINDS=restart leaves out the fresh-store runs. Stores kept after each run:
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
dotnet build tests/NetWatch.Benchmarks -c Release -nologo -v quiet >/dev/null
cmp() { dotnet tests/NetWatch.Benchmarks/bin/Release/net10.0/NetWatch.Benchmarks.dll sql "$1/netwatch.duckdb" "$2"; }
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

# A run's service log and kept store summed up.
summary() {
  local name=$1
  python3 bench/timeline-summary.py "$bench/$name.log" | grep -v "^    " || true
  python3 bench/restart_summary.py "$bench/$name.log"
  owed "$bench/$name-store"
}

# KINDS: which runs at each rate (default "restart fresh").
for rate in "${rates[@]}"; do
  for kind in ${KINDS:-restart fresh}; do
    if [ "$kind" = restart ]; then run "restart-$rate" env START_STORE="$behind"; else run "fresh-$rate" env; fi
    summary "$kind-$rate"
  done
done
