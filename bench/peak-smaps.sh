#!/usr/bin/env bash
# What the live service's RSS is made of at its peak (issue 18): waits for bench/live-lag.sh to write a new pid into
# PIDFILE ($BENCH_DIR/live-lag.pid; write anything else there first), then each second copies /proc/PID/smaps to
# OUT/peak-smaps.txt whenever the RSS reaches a new high (OUT/peak-log.txt: when, and the RSS in KB); then a summary by
# mapping (anonymous, managed assemblies, native libraries, the runtime's W^X double mapping) with bench/peak-smaps.sh -s OUT.
# Usage: echo stale > $BENCH_DIR/live-lag.pid; bench/peak-smaps.sh $BENCH_DIR/live-lag.pid OUT & BENCH_DIR=... bench/live-lag.sh ...
set -u
if [ "${1:-}" = -s ]; then
  python3 - "$2/peak-smaps.txt" <<'PY'
import re, collections, sys
cur = None; cls = collections.Counter(); files = collections.Counter()
for line in open(sys.argv[1]):
    m = re.match(r'^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$', line)
    if m: cur = m.group(1) or '[anon]'; continue
    if line.startswith('Rss:'):
        kb = int(line.split()[1])
        kind = 'assemblies' if cur.endswith('.dll') else 'native libraries' if '.so' in cur else \
            'W^X double mapping' if 'doublemapper' in cur else cur if cur in ('[anon]', '[heap]') else 'other'
        cls[kind] += kb; files[cur.split('/')[-1]] += kb
print(f"RSS {sum(cls.values()) / 1024:.0f} MB: " + ", ".join(f"{k} {v / 1024:.1f}" for k, v in cls.most_common()))
print("largest mappings: " + ", ".join(f"{k} {v / 1024:.1f}" for k, v in files.most_common(12)))
PY
  exit
fi
pidfile=$1; out=$2; mkdir -p "$out"
old=$(cat "$pidfile" 2>/dev/null); p=""
for _ in $(seq 1 240); do p=$(cat "$pidfile" 2>/dev/null); [ -n "$p" ] && [ "$p" != "$old" ] && kill -0 "$p" 2>/dev/null && break; sleep 0.5; done
max=0
while kill -0 "$p" 2>/dev/null; do
  rss=$(awk '/VmRSS/ { print $2 }' /proc/"$p"/status 2>/dev/null) || break
  if [ -n "$rss" ] && [ "$rss" -gt "$max" ]; then max=$rss; cp /proc/"$p"/smaps "$out/peak-smaps.txt" 2>/dev/null; echo "$(date +%T) $rss" >> "$out/peak-log.txt"; fi
  sleep 1
done
