#!/usr/bin/env bash
# Attribution's cost per event (issue 4's goal: it adds at most 100 ns per event at 10,000 devices and a day of leases).
#   - random instants: AttributionBenchmark's 4,096 events at random instants of the day, 10,000 devices,
#     236,000 lease/logon records; enriched again and again, so the index data they touch stays in the cache;
#   - a day in log order: AttributionDayBenchmark, gen_squid_log.py's day for 10,000 addresses, each batch of 4,096
#     freshly allocated as the parse stage hands them over: the quiet day (290,000 events, 10,000 people: about one
#     event per logon, the worst case) and the busy day (2,990,000 events, 5,000 people; ~4.4 GB of heap).
# Attribution's own cost is Enrich minus CopyOnly (the copy of the event every enricher makes); EnrichBatch is the
# path the pipeline takes. Runs the probe ROUNDS times (separate processes) and keeps every line, then
# `attribution-best` (the best of a minute of short rounds, wall time: the steadier figure on a shared machine) ROUNDS times.
# To compare two builds, run both in one process (the machine's drift hits both alike):
#   dotnet BIN_B/NetWatch.Benchmarks.dll attribution-ab 120 BIN_A BIN_B quiet|busy|random
# Usage: bench/attribution.sh        (ROUNDS=3; python3 and ../shared/tools needed for the days)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${ROUNDS:-3}
cd "$REPO"
dotnet build tests/NetWatch.Benchmarks -c Release -nologo -v quiet
echo "== $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$ROUNDS"); do
  echo "-- process $i"
  dotnet tests/NetWatch.Benchmarks/bin/Release/net10.0/NetWatch.Benchmarks.dll attribution-cpu-time
done
for i in $(seq "$ROUNDS"); do
  echo "-- best of short rounds, process $i"
  dotnet tests/NetWatch.Benchmarks/bin/Release/net10.0/NetWatch.Benchmarks.dll attribution-best 60
done
