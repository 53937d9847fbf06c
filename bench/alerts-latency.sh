#!/usr/bin/env bash
# Alert latency (issue 15): a safeguarding line appended to a tailed log → its alert on the SSE live feed, p50/p99 over
# --alerts alerts while background lines flow at RATE lines/s. Usage: bench/alerts-latency.sh [RATE] [ALERTS] [SECONDS]
# (RATE 0: as fast as the writer can). Builds NetWatch (NO_BUILD=1: uses the last build in .build/netwatch), runs `netwatch run` on a fresh store in a temp directory.
# BUILD=DIR runs another build (e.g. a base commit's, for an A/B in one sitting): DIR holds its netwatch.dll; nothing is built.
# KEEP=DIR keeps the run's trace (trace.tsv) and service log (service.log; with NETWATCH_TIMELINE=1, its timeline) in DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${1:-20000}"; alerts="${2:-1000}"; seconds="${3:-50}"
build="${BUILD:-.build/netwatch}"
[ -n "${NO_BUILD:-}${BUILD:-}" ] || dotnet publish src/NetWatch.Cli -c Release -nologo -v quiet -o .build/netwatch >/dev/null
netwatch() { dotnet "$build/netwatch.dll" "$@"; }
keep="${KEEP:-}"; [ -z "$keep" ] || mkdir -p "$keep"
work="$(mktemp -d)"; pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; [ -z "$keep" ] || cp "$work/trace.tsv" "$work/service.log" "$keep/" 2>/dev/null; rm -rf "$work"' EXIT
shared="${NETWATCH_SHARED:-../shared}"
python3 "$shared/tools/gen_squid_log.py" --seed 7 --lines 400000 -o "$work/background.log"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
echo "bench-password-$$" | netwatch users add bench --role dsl --store "$work/store" --password-stdin >/dev/null
token=$(netwatch users token bench --store "$work/store" 2>/dev/null)
: > "$work/access.log"
cat > "$work/netwatch.yaml" <<YAML
store: $work/store
api: { port: $port }
enrich: { lists: [$(pwd)/data/ut1] }
sources:
  - { name: proxy, path: $work/access.log, format: squid-native }
YAML
NETWATCH_ALERT_TRACE="$work/trace.tsv" dotnet "$build/netwatch.dll" run --config "$work/netwatch.yaml" 2> "$work/service.log" & pid=$!   # dotnet itself, so that $pid is the service
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
echo "rate $rate lines/s, $alerts alerts over ${seconds}s (commit $(git rev-parse --short HEAD)${BUILD:+, build $BUILD}, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
python3 bench/alerts_latency.py --log "$work/access.log" --port "$port" --token "$token" --background "$work/background.log" \
  --rate "$rate" --alerts "$alerts" --seconds "$seconds" --trace "$work/trace.tsv" \
  --service-log "$work/service.log"
