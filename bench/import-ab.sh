#!/usr/bin/env bash
# `netwatch import` of a base commit against this tree's, on the same generated Squid log, in one run, interleaved
# (base, new, new, base, ...): wall seconds, CPU seconds (user + system), peak RSS and the load average before each
# run, then the median of each side. CPU seconds are what to compare on a shared machine; wall time is inflated by load.
# The base defaults to aa3a0b2 (2026-11-23, before issue 13's redesign: issue 13 asks the import to be no slower).
# Usage: [BASE_BUILT=1] bench/import-ab.sh [LINES] [ROUNDS] [BASE] [WAY]   WAY: plain (default) or enriched (the shipped lists and
# policies/000-local-authority.yaml). Needs ../shared/tools/gen_squid_log.py (NETWATCH_SHARED to point elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-1000000}
rounds=${2:-2}
base=${3:-aa3a0b2}
way=${4:-plain}
shared=${NETWATCH_SHARED:-../shared}
work=${BENCH_DIR:-/tmp/netwatch-bench}
mkdir -p "$work"
log="$work/squid-$lines.log"
[ -s "$log" ] || python3 "$shared/tools/gen_squid_log.py" --seed 1 --lines "$lines" -o "$log"
case $way in
  plain) extra=() ;;
  enriched) extra=(--lists data/ut1 --lists data/lists/school-example --policy policies/000-local-authority.yaml) ;;
  *) echo "unknown way '$way' (plain, enriched)" >&2; exit 2 ;;
esac

# Each side's CLI built into its own folder (the base from a clean export of its tree, so nothing of this tree leaks in).
# BASE_BUILT=1 reuses the base build of an earlier run (it does not change).
if [ "${BASE_BUILT:-0}" != 1 ] || [ ! -f "$work/ab-base/netwatch.dll" ]; then
  rm -rf "$work/ab-base-src" && mkdir -p "$work/ab-base-src"
  git archive "$base" | tar -x -C "$work/ab-base-src"
  dotnet publish "$work/ab-base-src/src/NetWatch.Cli" -c Release -nologo -v quiet -o "$work/ab-base" >/dev/null
fi
dotnet publish src/NetWatch.Cli -c Release -nologo -v quiet -o "$work/ab-new" >/dev/null

run() { # side, round: one import into a fresh store, one line of figures
  local side=$1 round=$2 load
  rm -rf "$work/ab-store"
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %M %U %S" -o "$work/ab-time.txt" \
    dotnet "$work/ab-$side/netwatch.dll" import --store "$work/ab-store" "${extra[@]}" "$log" >"$work/ab-$side.out" 2>"$work/ab-$side.err"
  read -r secs rss_kb user sys < "$work/ab-time.txt"
  awk -v s="$side" -v n="$round" -v w="$secs" -v r="$rss_kb" -v u="$user" -v y="$sys" -v load="$load" \
    'BEGIN { printf "%-4s run %d  %8.2f s wall  %7.2f s CPU (%.2f user + %.2f sys)  %6.0f MB peak RSS  load %s\n", s, n, w, u + y, u, y, r / 1024, load }'
}

echo "file: $log ($lines lines, $way); $(nproc) cores; base = $base ($(git rev-parse --short "$base")), new = $(git rev-parse --short HEAD)$(git diff --quiet || echo +changes); load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then order="base new"; else order="new base"; fi
  for side in $order; do run "$side" "$round"; done
done | tee "$work/ab.txt"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for side in base new; do
  echo "$side: median $(grep "^$side " "$work/ab.txt" | awk '{ print $4 }' | median) s wall," \
    "$(grep "^$side " "$work/ab.txt" | awk '{ print $7 }' | median) s CPU," \
    "$(grep "^$side " "$work/ab.txt" | awk '{ print $15 }' | median) MB peak RSS over $rounds runs"
done
awk '/^(base|new) run/ { cpu[$1] += $7; n[$1]++ } END { if (n["base"] && n["new"]) printf "new/base CPU: %.3f\n", (cpu["new"] / n["new"]) / (cpu["base"] / n["base"]) }' "$work/ab.txt"
grep -E '^total: ' "$work/ab-base.out" "$work/ab-new.out" || true
