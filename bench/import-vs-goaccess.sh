#!/usr/bin/env bash
# End-to-end import throughput of `netwatch import` next to GoAccess (Debian) on the same generated Squid log, in the
# same run, interleaved: lines/s of the whole process, peak RSS, CPU seconds and the ratio to GoAccess's lines/s, with
# the load average at the start of each measurement (the machine may be shared: compare ratios, not seconds).
# NetWatch runs two ways by default: without reference data ("plain"), and with the shipped lists and a seed school's
# policy ("enriched"), both in the import's default memory budget (1GB); "enriched-1GB" names the budget on the command
# line (import --memory 1GB), the same budget since session 39.
# Usage: bench/import-vs-goaccess.sh [LINES] [ROUNDS] [POLICY]   (RUNS="plain enriched-1GB" to run only those NetWatch ways)
# Needs ../shared/tools/gen_squid_log.py (the team's shared folder beside the repo; NETWATCH_SHARED to point elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-5000000}
rounds=${2:-1}
policy=${3:-policies/000-local-authority.yaml}
shared=${NETWATCH_SHARED:-../shared}
work=${BENCH_DIR:-/tmp/netwatch-bench}
mkdir -p "$work"
log="$work/squid-$lines.log"
enrich=(--lists data/ut1 --lists data/lists/school-example --policy "$policy")
runs=${RUNS:-plain enriched}

command -v goaccess >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq goaccess >/dev/null; }
[ -s "$log" ] || python3 "$shared/tools/gen_squid_log.py" --seed 1 --lines "$lines" -o "$log"
dotnet publish src/NetWatch.Cli -c Release -nologo -v quiet -o .build/netwatch >/dev/null

goaccess_rate=""
measure() { # name, command...: prints name, seconds, lines/s, ratio to GoAccess, peak RSS, CPU seconds, load before
  local name=$1; shift
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$@" >"$work/$name.out" 2>"$work/$name.err"
  read -r secs rss_kb user sys < "$work/time.txt"
  local rate; rate=$(awk -v s="$secs" -v l="$lines" 'BEGIN { printf "%.0f", l / s }')
  [ "$name" = goaccess ] && goaccess_rate=$rate
  awk -v n="$name" -v s="$secs" -v r="$rss_kb" -v rate="$rate" -v g="$goaccess_rate" -v u="$user" -v y="$sys" -v load="$load" \
    'BEGIN { printf "%-13s %8.2f s %8d lines/s %6s %6.0f MB peak RSS %7.1f s CPU  load %s\n",
             n, s, rate, (g == "" ? "" : sprintf("%.2fx", rate / g)), r / 1024, u + y, load }'
}

echo "file: $log ($(wc -c < "$log") bytes, $lines lines); $(nproc) cores; policy $policy; commit $(git rev-parse --short HEAD)"
for round in $(seq 1 "$rounds"); do
  # GoAccess first in each round, so that every NetWatch line can give its ratio to GoAccess's rate of that round.
  measure goaccess goaccess "$log" --no-global-config --no-progress \
    --log-format='%x.%^ %~%L %h %^/%s %b %m %U %e %^ %M' --date-format=%s --time-format=%s -o "$work/report.html"
  for run in $runs; do
    rm -rf "$work/import-store"
    case $run in
      plain) measure plain dotnet .build/netwatch/netwatch.dll import --store "$work/import-store" "$log" ;;
      enriched) measure enriched dotnet .build/netwatch/netwatch.dll import --store "$work/import-store" "${enrich[@]}" "$log" ;;
      enriched-1GB) measure enriched-1GB dotnet .build/netwatch/netwatch.dll import --store "$work/import-store" --memory 1GB "${enrich[@]}" "$log" ;;
      *) echo "unknown run '$run' (plain, enriched, enriched-1GB)" >&2; exit 2 ;;
    esac
  done
done
for run in $runs; do
  # Every dead-letter reason and the totals (an enriched run prints more lines after them, so not a fixed tail).
  echo "netwatch's own report ($run):"
  grep -E '^  dead letters |^total: |^visits: ' "$work/$run.out" || tail -n 4 "$work/$run.out"
done
