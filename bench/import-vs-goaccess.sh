#!/usr/bin/env bash
# End-to-end import throughput of `netwatch import` next to GoAccess (Debian) on the same generated Squid
# log, in the same run, interleaved: lines/s and peak RSS of each. Usage: bench/import-vs-goaccess.sh [LINES] [ROUNDS]
# Needs ../shared/tools/gen_squid_log.py (the team's shared folder beside the repo).
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-5000000}
rounds=${2:-1}
shared=${NETWATCH_SHARED:-../shared}
work=${BENCH_DIR:-/tmp/netwatch-bench}
mkdir -p "$work"
log="$work/squid-$lines.log"

command -v goaccess >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq goaccess >/dev/null; }
[ -s "$log" ] || python3 "$shared/tools/gen_squid_log.py" --seed 1 --lines "$lines" -o "$log"
dotnet build src/NetWatch.Cli -c Release -nologo -v quiet -o .build/netwatch >/dev/null

measure() { # name, command...: prints name, seconds, lines/s, peak RSS MB
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/$name.out" 2>"$work/$name.err"
  read -r secs rss_kb < "$work/time.txt"
  awk -v n="$name" -v s="$secs" -v r="$rss_kb" -v l="$lines" \
    'BEGIN { printf "%-10s %8.2f s %10.0f lines/s %7.0f MB peak RSS\n", n, s, l / s, r / 1024 }'
}

echo "file: $log ($(wc -c < "$log") bytes, $lines lines); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  rm -rf "$work/store"
  measure netwatch dotnet .build/netwatch/netwatch.dll import --store "$work/store" "$log"
  measure goaccess goaccess "$log" --no-global-config --no-progress \
    --log-format='%x.%^ %~%L %h %^/%s %b %m %U %e %^ %M' --date-format=%s --time-format=%s -o "$work/report.html"
done
tail -n 4 "$work/netwatch.out"
