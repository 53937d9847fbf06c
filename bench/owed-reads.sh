#!/usr/bin/env bash
# Reads while live roll-ups are owed (issue 18, session 42): bench/owed_reads.py through the API of BUILD_DIR's service on
# a copy of each STORE in turn (the copies get a trust-wide DSL account; the stores themselves are not written), PASSES
# times interleaved (A, B, A, B: the shared machine's load hits both alike), with the owed sessions of each store.
# Usage: BUILD_DIR=DIR bench/owed-reads.sh STORE_A STORE_B [ROUNDS] [PASSES]   (e.g. a store left owed by a behind spell
# and the same store with its owed sessions counted: `netwatch import --store COPY EMPTY.log` counts them all at its close)
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BUILD_DIR:?the build to run}"
a=$1 b=$2 rounds=${3:-10} passes=${4:-2}
netwatch() { dotnet "$BUILD_DIR/netwatch.dll" "$@"; }
dotnet build tests/NetWatch.Benchmarks -c Release -nologo -v quiet >/dev/null
sql() { dotnet tests/NetWatch.Benchmarks/bin/Release/net10.0/NetWatch.Benchmarks.dll sql "$@"; }
tmp=$(mktemp -d); pid=""; trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
for pass in $(seq 1 "$passes"); do
  for store in "$a" "$b"; do
    rm -rf "$tmp/store"; cp -r "$store" "$tmp/store"
    echo "== pass $pass: $store ($(sql "$tmp/store/netwatch.duckdb" "SELECT count(DISTINCT owed) || ' sessions owed' FROM rollup_pending" | tail -1))"
    day=$(sql "$tmp/store/netwatch.duckdb" "SELECT strftime(max(\"@timestamp\"), '%Y-%m-%d') FROM events" | tail -1)
    echo "bench-reads-password" | netwatch users add bench-dsl --role dsl --store "$tmp/store" --password-stdin >/dev/null
    token=$(netwatch users token bench-dsl --store "$tmp/store" 2>/dev/null)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    : > "$tmp/quiet.log"
    printf 'store: %s\napi: { port: %s }\nsources:\n  - { name: quiet, path: %s, format: squid-native }\n' "$tmp/store" "$port" "$tmp/quiet.log" > "$tmp/netwatch.yaml"
    dotnet "$BUILD_DIR/netwatch.dll" run --config "$tmp/netwatch.yaml" 2> "$tmp/service.log" & pid=$!
    for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
    python3 bench/owed_reads.py --url "http://127.0.0.1:$port" --token "$token" --day "$day" --rounds "$rounds"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  done
done
