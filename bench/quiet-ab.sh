#!/usr/bin/env bash
# A quiet A/B of two builds (issue 18; the lead runs it after merging helpers' branches, nothing else running): a PLAN of
# steps, one after another, each a whole process; the figures are compared as the results files under bench/results do.
# Steps (';'-separated): "backlog L R" (bench/backlog-run.sh, 1M lines, store kept), "live L RATE SECONDS R"
# (bench/live-lag.sh with phases and timeline, DRAIN 30), "imp L R" (`netwatch import` enriched, 1M lines, /usr/bin/time).
# L: B -> build dir $B, N -> $N, other -> $ABDIR/L. R: a run label. Output: $OUT/<step>-L-R.txt (+ service logs, samples).
# Builds: dotnet publish src/NetWatch.Cli -c Release -o DIR, one per commit (ReadyToRun code, as run.sh builds; a commit
# before session 34 publishes IL only). Needs ../shared/tools/gen_squid_log.py (BENCH_DIR keeps its 1M-line log, which a
# backlog or live step makes on first use: put one before any imp step).
# Usage: B=dir N=dir PLAN='backlog N 1; live B 50000 120 1' OUT=dir bench/quiet-ab.sh
set -uo pipefail
cd "$(dirname "$0")/.."
bench=${BENCH_DIR:-/tmp/netwatch-bench}; out=${OUT:-$bench/quiet-ab}; mkdir -p "$out"
bld() { case $1 in B) echo "$B";; N) echo "$N";; *) echo "${ABDIR:-$bench/ab}/$1";; esac; }
IFS=';' read -ra steps <<< "$PLAN"
for step in "${steps[@]}"; do
  read -ra a <<< "$step"; [ ${#a[@]} -eq 0 ] && continue
  echo "$(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg): ${a[*]}"
  case ${a[0]} in
    backlog) name=backlog-${a[1]}-${a[2]}
      BUILD_DIR=$(bld "${a[1]}") NETWATCH_PHASES=1 NETWATCH_TIMELINE=1 BENCH_DIR=$bench WORK=/tmp/netwatch-backlog \
        bench/backlog-run.sh "$out/$name" 1000000 > "$out/$name.txt" 2>&1 ;;
    live) name=live-${a[2]}-${a[3]}-${a[1]}-${a[4]}
      BUILD_DIR=$(bld "${a[1]}") NETWATCH_PHASES=1 NETWATCH_TIMELINE=1 DRAIN=30 BENCH_DIR=$bench \
        bench/live-lag.sh "${a[2]}" "${a[3]}" > "$out/$name.txt" 2>&1
      cp "$bench/live-lag-service.log" "$out/$name-service.log"; cp "$bench/live-lag-samples.txt" "$out/$name-samples.txt" ;;
    imp) name=imp-${a[1]}-${a[2]}; store=$(mktemp -d)
      NETWATCH_PHASES=1 /usr/bin/time -f "%e s wall %M KB peak %U u %S s" dotnet "$(bld "${a[1]}")/netwatch.dll" import \
        --store "$store/s" --lists data/ut1 --lists data/lists/school-example --policy policies/000-local-authority.yaml \
        "$bench/squid-1000000.log" > "$out/$name.txt" 2>&1; rm -rf "$store" ;;
    *) echo "unknown step: $step" >&2 ;;
  esac
  tail -n 3 "$out/$name.txt" | sed 's/^/    /'
done
