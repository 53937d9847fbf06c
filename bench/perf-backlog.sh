#!/usr/bin/env bash
# perf record (dwarf, 149 Hz) of a 1M backlog (bench/backlog-run.sh) from its start to the service's exit, with the JIT map.
# Usage: bench/perf-backlog.sh BUILD_DIR OUT PERF_DATA  (then: perf script -F comm,tid,time,ip,sym,dso -i PERF_DATA | bench/perf_stacks.py > S.jsonl; bench/perf_append_split.py S.jsonl)
set -u
build=$1; out=$2; data=$3; work=${WORK:-/tmp/netwatch-backlog}
cd "$(dirname "$0")/.."
NETWATCH_PHASES=1 DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 BENCH_DIR=${BENCH_DIR:-/tmp/netwatch-bench} WORK=$work BUILD_DIR=$build bench/backlog-run.sh $out > $out.runlog 2>&1 &
bpid=$!
# wait for the service and the backlog to start (the access.log grows)
for _ in $(seq 1 240); do
  pid=$(pgrep -f "netwatch.dll run --config $work/netwatch.yaml" | while read p; do [ "$(cat /proc/$p/comm)" = dotnet ] && echo $p; done | head -1)
  sz=$(stat -c %s $work/access.log 2>/dev/null || echo 0)
  [ -n "$pid" ] && [ "$sz" -gt 0 ] && break
  sleep 0.5
done
echo "pid $pid"
perf record -F 149 --call-graph dwarf,8192 -o $data -p $pid 2>$data.err &
ppid=$!
wait $bpid
kill -INT $ppid 2>/dev/null; wait $ppid
cp /tmp/perf-$pid.map $data.map 2>/dev/null
echo "done pid $pid"
