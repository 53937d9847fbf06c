#!/usr/bin/env bash
# Live lag (issue 18): `netwatch run` follows a Squid log that bench/live_lag.py appends to at RATE lines/s for SECONDS,
# with the shipped lists and a seed school's policy (as import's "enriched" run); /metrics sampled every second: lag over
# time, its maximum, the batch latency histogram. Fresh store in a temp directory; prints the load beside the figures.
# Usage: bench/live-lag.sh [RATE] [SECONDS] [MEMORY] [POLICY]   (defaults 50000, 120, 1GB, policies/000-local-authority.yaml;
# DRAIN=seconds to wait for the service to catch up after the writer stops, default 60)
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
dotnet build src/NetWatch.Cli -c Release -nologo -v quiet -o .build/netwatch >/dev/null
work="$(mktemp -d)"; pid=""
# The service's log is kept beside the cached log (live-lag-service.log) for a look at what it did.
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; cp "$work/service.log" "$cache/live-lag-service.log" 2>/dev/null; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
: > "$work/access.log"
cat > "$work/netwatch.yaml" <<YAML
store: $work/store
api: { port: $port }
memory: $memory
enrich:
  lists: [$(pwd)/data/ut1, $(pwd)/data/lists/school-example]
  policy: $(pwd)/$policy
sources:
  - { name: proxy, path: $work/access.log, format: squid-native }
YAML
dotnet .build/netwatch/netwatch.dll run --config "$work/netwatch.yaml" 2> "$work/service.log" & pid=$!
for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { echo "the service did not start:" >&2; cat "$work/service.log" >&2; exit 1; }
echo "live lag: $rate lines/s for ${seconds}s, memory $memory, lists + $policy; commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo +changes); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
python3 bench/live_lag.py --log "$work/access.log" --port "$port" --background "$background" --rate "$rate" --seconds "$seconds" --drain "${DRAIN:-60}" || status=$?
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg); service peak RSS $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' /proc/$pid/status)"
exit $status
