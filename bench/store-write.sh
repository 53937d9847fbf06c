#!/usr/bin/env bash
# The store's write path of a base commit (default main) against this tree's: the same DuckDbStore write sessions,
# built from each, on the same parsed Squid events, one process per run, alternating (old, new, new, old, ...). Prints wall and CPU seconds per run and the medians.
# Usage: bench/store-write.sh [LINES] [RUNS] [BATCH] [BASE]   Needs ../shared/tools/gen_squid_log.py.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-500000}
runs=${2:-4}
batch=${3:-4000}
base=${4:-main}
shared=${NETWATCH_SHARED:-../shared}
work=${BENCH_DIR:-/tmp/netwatch-bench}
mkdir -p "$work"
log="$work/squid-$lines.log"
[ -s "$log" ] || python3 "$shared/tools/gen_squid_log.py" --seed 1 --lines "$lines" -o "$log"

# The base commit's store with this tree's benchmark program.
rm -rf "$work/base-src" && mkdir -p "$work/base-src"
git archive "$base" | tar -x -C "$work/base-src"
cp tests/NetWatch.Benchmarks/{StoreWriteComparison.cs,Program.cs,NetWatch.Benchmarks.csproj} "$work/base-src/tests/NetWatch.Benchmarks/"
dotnet build "$work/base-src/tests/NetWatch.Benchmarks" -c Release -nologo -v quiet -o "$work/bench-old" >/dev/null
dotnet build tests/NetWatch.Benchmarks -c Release -nologo -v quiet -o "$work/bench-new" >/dev/null

echo "$lines lines, batches of $batch; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); old = $base ($(git rev-parse --short "$base")), new = $(git rev-parse --short HEAD)$(git diff --quiet || echo +changes)"
for run in $(seq 1 "$runs"); do
  if [ $((run % 2)) -eq 1 ]; then order="old new"; else order="new old"; fi
  for side in $order; do
    dotnet "$work/bench-$side/NetWatch.Benchmarks.dll" store-write "$log" "$batch" 1 "$side" | grep '^round' | sed "s/^round 1/$side run $run/"
  done
done | tee "$work/store-write.txt"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for side in old new; do
  runs_of_side=$(grep -c "^$side " "$work/store-write.txt")
  echo "$side: median wall $(grep "^$side " "$work/store-write.txt" | awk '{ print $6 }' | median) s," \
    "median cpu $(grep "^$side " "$work/store-write.txt" | awk '{ print $9 }' | median) s over $runs_of_side runs"
done
