#!/usr/bin/env bash
# A backlog for the live service, with a fixed input (issue 18): `netwatch run` (the build in BUILD_DIR; lists + policy
# 000, memory $MEMORY or 1GB) follows an empty file; once healthy, LOG (default: gen_squid_log.py --seed 1, 1M lines, made
# once into BENCH_DIR as bench/live-lag.sh does) is appended at once;
# /metrics is polled each second until netwatch_lines_read_total = its lines, then the service is stopped (SIGTERM).
# Prints lines/s stored, the service's CPU seconds over the backlog, peak RSS, largest WAL and DuckDB spill; keeps the
# store, the samples (t_s lines rss_mb cpu_s wal_mb spill_mb) and the service's log (NETWATCH_MEMORY_SAMPLES=1) in OUT.
# The run happens in WORK (default /tmp/netwatch-backlog) and is then moved to OUT: every run reads the same path, so
# two runs' stores compare row for row (the file's path is stored with each event). threads.txt: CPU by thread name at the end.
# Usage: BUILD_DIR=dir bench/backlog-run.sh OUT [LINES]
set -euo pipefail
tree="$(cd "$(dirname "$0")/.." && pwd)"
build=${BUILD_DIR:?BUILD_DIR=the build to run}; final=$1; n=${2:-1000000}
# The same generated log as bench/live-lag.sh and bench/import-vs-goaccess.sh, made once into BENCH_DIR.
shared=${NETWATCH_SHARED:-$tree/../shared}; cache=${BENCH_DIR:-/tmp/netwatch-bench}
mkdir -p "$cache"
log=${LOG:-$cache/squid-1000000.log}
[ -n "${LOG:-}" ] || [ -s "$log" ] || python3 "$shared/tools/gen_squid_log.py" --seed 1 --lines 1000000 -o "$log"
out=${WORK:-/tmp/netwatch-backlog}
rm -rf "$out"; mkdir -p "$out"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
: > "$out/access.log"
cat > "$out/netwatch.yaml" <<YAML
store: $out/store
api: { port: $port }
memory: ${MEMORY:-1GB}
enrich:
  lists: [$tree/data/ut1, $tree/data/lists/school-example]
  policy: $tree/policies/000-local-authority.yaml
sources:
  - { name: proxy, path: $out/access.log, format: squid-native }
YAML
echo "build $build; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%H:%M:%S)" | tee "$out/summary.txt"
NETWATCH_MEMORY_SAMPLES=${SAMPLES:-1} /usr/bin/time -o "$out/time.txt" -f "%e s %M KB %U u %S s %R minor-faults" \
  dotnet "$build/netwatch.dll" run --config "$out/netwatch.yaml" > "$out/service.out" 2> "$out/service.log" & tpid=$!
for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
pid=$(pgrep -P $tpid -f netwatch.dll | head -1)
src="$log"
if [ "$n" != "$(wc -l < "$log")" ]; then head -n "$n" "$log" > "$out/src.log"; src="$out/src.log"; fi
tick=$(getconf CLK_TCK)
cpu0=$(awk -v k=$tick '{ print ($14 + $15) / k }' /proc/$pid/stat)
t0=$(date +%s.%N)
cat "$src" >> "$out/access.log"
echo "t_s lines rss_mb cpu_s wal_mb spill_mb" > "$out/samples.txt"
while true; do
  lines=$(curl -fs "http://127.0.0.1:$port/metrics" | awk '/^netwatch_lines_read_total/ { s += $2 } END { printf "%d", s }')
  rss=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' /proc/$pid/status)
  cpu=$(awk -v k=$tick '{ printf "%.2f", ($14 + $15) / k }' /proc/$pid/stat)
  wal=$(stat -c %s "$out/store/netwatch.duckdb.wal" 2>/dev/null || echo 0)
  spill=$(du -sk "$out/store/netwatch.duckdb.tmp" 2>/dev/null | cut -f1 || true); spill=${spill:-0}
  awk -v t="$(date +%s.%N)" -v s="$t0" -v l="$lines" -v r="$rss" -v c="$cpu" -v w="$wal" -v sp="$spill" \
    'BEGIN { printf "%.1f %s %s %s %.1f %.1f\n", t - s, l, r, c, w / 1048576, sp / 1024 }' >> "$out/samples.txt"
  [ "$lines" -ge "$n" ] && break
  sleep 1
done
t1=$(date +%s.%N)
cpu1=$(awk -v k=$tick '{ print ($14 + $15) / k }' /proc/$pid/stat)
hwm=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' /proc/$pid/status)
"$tree/bench/thread-cpu.sh" "$pid" > "$out/threads.txt" || true
kill -TERM "$pid"; wait $tpid || true
echo "stored $n lines in $(awk -v a=$t0 -v b=$t1 'BEGIN { printf "%.1f", b - a }') s = $(awk -v a=$t0 -v b=$t1 -v n=$n 'BEGIN { printf "%.0f", n / (b - a) }') lines/s;" \
  "service CPU during backlog $(awk -v a=$cpu0 -v b=$cpu1 'BEGIN { printf "%.1f", b - a }') s; peak RSS $hwm MB;" \
  "max WAL $(awk 'NR>1 && $5>m {m=$5} END {print m + 0}' "$out/samples.txt") MB; max spill $(awk 'NR>1 && $6>m {m=$6} END {print m + 0}' "$out/samples.txt") MB;" \
  "load end $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/summary.txt"
tee -a "$out/summary.txt" < "$out/time.txt"
rm -rf "$final"; mv "$out" "$final"
