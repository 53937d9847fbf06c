#!/usr/bin/env bash
# Read speed on 10,000,000 stored events (issues 14 and 16): `netwatch run` on a large store (a quiet file source),
# then bench/search_10m.py times through the API with real tokens: a person's first page over 30 days, "who visited
# this domain" over 30 days, the SLT's weekly aggregates, and the SLT weekly dashboard's and the auditor's first
# results page's HTML (+ their static assets). Goals: <= 200 ms each API call, <= 500 ms each page.
# Usage: bench/search-10m.sh [STORE] [ROUNDS]
#   STORE defaults to $BENCH_DIR/store-10m; when it does not exist it is built (slow: 10-30 min on 2 cores):
#   gen_squid_log.py --seed 7 --lines 10000000 --start 2026-09-07 --days 60 (Sep-Nov 2026, within the default 12-month
#   retention), imported with the UT1 and school lists, policies/000-local-authority.yaml and a directory of the
#   generator's 2,000 people (bench/search_directory.py), school "Southover Academy".
# NETWATCH_BUILD=DIR: run the netwatch.dll already built in DIR instead of building this checkout (to compare two
# builds on one store: publish the other commit with `dotnet publish src/NetWatch.Cli -c Release -o DIR`).
# The figures go to stdout with the load average (the machine may be shared); keep them in bench/results/search-10m-DATE.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_DIR:-/tmp/netwatch-bench}
store=${1:-$work/store-10m}
rounds=${2:-20}
shared=${NETWATCH_SHARED:-../shared}
mkdir -p "$work"
build=${NETWATCH_BUILD:-.build/netwatch}
[ -n "${NETWATCH_BUILD:-}" ] || dotnet publish src/NetWatch.Cli -c Release -nologo -v quiet -o .build/netwatch >/dev/null
netwatch() { dotnet "$build/netwatch.dll" "$@"; }

if [ ! -f "$store/netwatch.duckdb" ]; then
  log="$work/squid-10m.log"
  [ -s "$log" ] || python3 "$shared/tools/gen_squid_log.py" --seed 7 --lines 10000000 --start 2026-09-07 --days 60 -o "$log"
  python3 bench/search_directory.py "$shared/tools/gen_squid_log.py" 7 2000 > "$work/directory-10m.csv"
  netwatch import --store "$store" --lists data/ut1 --lists data/lists/school-example \
    --policy policies/000-local-authority.yaml --directory "$work/directory-10m.csv" --school "Southover Academy" "$log"
fi

school=southover-academy
password="bench-password-search-10m"   # the same each run: the accounts stay in the store
for who in "bench-dsl dsl" "bench-slt slt" "bench-auditor auditor"; do
  set -- $who
  netwatch users list --store "$store" 2>/dev/null | grep -q "^$1	" ||
    echo "$password" | netwatch users add "$1" --role "$2" --school "$school" --store "$store" --password-stdin >/dev/null
done
dsl_token=$(netwatch users token bench-dsl --store "$store" 2>/dev/null)
slt_token=$(netwatch users token bench-slt --store "$store" 2>/dev/null)

tmp=$(mktemp -d); pid=""; trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
: > "$tmp/quiet.log"
cat > "$tmp/netwatch.yaml" <<YAML
store: $store
school: Southover Academy
api: { port: $port }
sources:
  - { name: quiet, path: $tmp/quiet.log, format: squid-native }
YAML
dotnet "$build/netwatch.dll" run --config "$tmp/netwatch.yaml" 2> "$tmp/service.log" & pid=$!   # dotnet itself, so that $pid is the service
for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$tmp/service.log" >&2; exit 1; }

echo "bench/search-10m.sh on $store ($(du -sh "$store" | cut -f1)), $([ -n "${NETWATCH_BUILD:-}" ] && echo "build $build" || echo "commit $(git rev-parse --short HEAD)$(git diff --quiet || echo +changes)"), $(nproc) cores"
python3 bench/search_10m.py --url "http://127.0.0.1:$port" --dsl-token "$dsl_token" --slt-token "$slt_token" \
  --slt-name bench-slt --auditor-name bench-auditor --password "$password" --school "$school" \
  --to 2026-11-28T00:00:00Z --week 2026-11-23 --rounds "$rounds"
