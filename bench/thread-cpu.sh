#!/usr/bin/env bash
# A process's CPU seconds by thread name (/proc/PID/task/*/comm; user + system), largest first, with the thread count:
# where a service's CPU goes beyond its own phase timers (DuckDB's threads, the GC's, the thread pool's).
# Usage: bench/thread-cpu.sh PID
set -euo pipefail
pid=$1; tick=$(getconf CLK_TCK)
for t in /proc/$pid/task/*; do
  name=$(tr ' ' '_' < "$t/comm" 2>/dev/null) || continue
  # comm may hold spaces and parentheses: the fields after the last ')' are fixed.
  cpu=$(sed 's/.*) //' "$t/stat" 2>/dev/null | awk -v k=$tick '{ print ($12 + $13) / k }') || continue
  echo "$name $cpu"
done | awk '{ s[$1] += $2; n[$1]++ } END { for (k in s) printf "%8.2f s  %3d  %s\n", s[k], n[k], k }' | sort -rn
