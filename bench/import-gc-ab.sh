#!/usr/bin/env bash
# One build of `netwatch import` under different GC settings (runtimeconfig.json configProperties), interleaved:
# rounds alternate the variants' order (A B C, C B A, ...). Each run: wall, CPU (user + sys), peak RSS, the load before it,
# and with NETWATCH_GC_EVENTS=1 the GC's settings as the runtime took them, collections, pauses (total, longest).
# Usage: bench/import-gc-ab.sh LOG ROUNDS WAY VARIANT...   WAY: plain or enriched; a VARIANT is NAME or NAME:PROP=VALUE,...
#   e.g. bench/import-gc-ab.sh /work/big/lead/squid-1000000.log 2 enriched base g32:System.GC.Gen0MaxBudget=33554432
# Values are JSON (true, false, numbers). The build is this tree's, in $BENCH_DIR/gc-build (NO_BUILD=1 to reuse it);
# each run's stderr (phases, GC report) goes to $BENCH_DIR/gc-NAME-ROUND.err.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$1; rounds=$2; way=$3; shift 3
work=${BENCH_DIR:-/tmp/netwatch-bench}
mkdir -p "$work"
case $way in
  plain) extra=() ;;
  enriched) extra=(--lists data/ut1 --lists data/lists/school-example --policy policies/000-local-authority.yaml) ;;
  *) echo "unknown way '$way' (plain, enriched)" >&2; exit 2 ;;
esac
[ "${NO_BUILD:-0}" = 1 ] || dotnet publish src/NetWatch.Cli -c Release -nologo -v quiet -o "$work/gc-build" >/dev/null
names=()
for variant in "$@"; do
  name=${variant%%:*}; props=${variant#"$name"}; props=${props#:}
  names+=("$name")
  python3 - "$work/gc-build/netwatch.runtimeconfig.json" "$work/gc-$name.runtimeconfig.json" "$props" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
for pair in filter(None, sys.argv[3].split(',')):
    key, value = pair.split('=', 1)
    config['runtimeOptions']['configProperties'][key] = json.loads(value)
json.dump(config, open(sys.argv[2], 'w'), indent=2)
PY
done

run() { # name, round: one import into a fresh store, one line of figures
  local name=$1 round=$2 load
  rm -rf "$work/gc-store"
  load=$(cut -d' ' -f1 /proc/loadavg)
  NETWATCH_PHASES=1 NETWATCH_GC_EVENTS=1 /usr/bin/time -f "%e %M %U %S" -o "$work/gc-time.txt" \
    dotnet exec --runtimeconfig "$work/gc-$name.runtimeconfig.json" "$work/gc-build/netwatch.dll" \
    import --store "$work/gc-store" "${extra[@]}" "$log" >"$work/gc-$name-$round.out" 2>"$work/gc-$name-$round.err"
  read -r secs rss_kb user sys < "$work/gc-time.txt"
  local pauses collections
  pauses=$(grep -E '^gc +pauses' "$work/gc-$name-$round.err" | sed -E 's/^gc +pauses: //; s/; promoted.*//')
  collections=$(awk '/^gc +gen[0-2] reason/ { split($2, g, "gen"); n[g[2]] += $(NF - 1) } END { printf "gen0/1/2 %d/%d/%d", n[0], n[1], n[2] }' "$work/gc-$name-$round.err")
  awk -v s="$name" -v n="$round" -v w="$secs" -v r="$rss_kb" -v u="$user" -v y="$sys" -v load="$load" \
    'BEGIN { printf "%-6s run %d  %7.2f s wall  %6.2f s CPU  %5.0f MB RSS  load %-5s", s, n, w, u + y, r / 1024, load }'
  echo "  $collections  $pauses"
}

echo "file: $log ($way); $(nproc) cores; commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo +changes); load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then order=("${names[@]}"); else order=(); for ((i = ${#names[@]} - 1; i >= 0; i--)); do order+=("${names[i]}"); done; fi
  for name in "${order[@]}"; do run "$name" "$round"; done
done | tee "$work/gc-ab.txt"
for name in "${names[@]}"; do
  awk -v s="$name" '$1 == s { w += $4; c += $7; r += $10; n++ } END { if (n) printf "%-6s mean over %d runs: %.2f s wall, %.2f s CPU, %.0f MB peak RSS\n", s, n, w / n, c / n, r / n }' "$work/gc-ab.txt"
done
