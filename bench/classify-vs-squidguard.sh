#!/usr/bin/env bash
# netwatch classify against squidGuard 1.6 (Debian), in one run, on the same lists and the same URLs:
#   - lists: ../shared/data/ut1 (19 UT1 categories; squidGuard db built with `squidGuard -C all`)
#   - URLs:  the well-formed lines of `gen_squid_log.py --seed 1 --lines 1000000`
# Prints URLs/s (wall clock and per CPU second) for both, the differing decisions with their reasons,
# and the load time and RSS of netwatch with a generated 4.6-million-domain list.
# Usage: bench/classify-vs-squidguard.sh            (WORK=/tmp/... LINES=... to change)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${NETWATCH_SHARED:-$REPO/../shared}
[ -d "$SHARED/corpus" ] || SHARED=/work/shared
WORK=${WORK:-/tmp/netwatch-bench-classify}
LINES=${LINES:-1000000}
BIG=${BIG:-4600000}
mkdir -p "$WORK"
cd "$WORK"

command -v squidGuard >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq squidguard >/dev/null; }
command -v /usr/bin/time >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null

echo "== data"
[ -s access.log ] || python3 "$SHARED/tools/gen_squid_log.py" --seed 1 --lines "$LINES" -o access.log
# squidGuard helper input "URL ip/fqdn user method", as in ../shared/notes/peers.md; netwatch gets the URLs alone.
awk 'NF==10 && $5 ~ /^[0-9]+$/ {print $7, $3"/-", $8, $6}' access.log > sg-input.txt
cut -d' ' -f1 sg-input.txt > urls.txt
echo "URLs: $(wc -l < urls.txt)"

rm -rf db log && mkdir -p log && cp -r "$SHARED/data/ut1" db && chmod -R u+w db
CATS=$(cd db && for d in */; do d=${d%/}; [ -e "$d/domains" ] || [ -e "$d/urls" ] || [ -e "$d/expressions" ] && echo "$d"; done)
{
  echo "dbhome $WORK/db"
  echo "logdir $WORK/log"
  for c in $CATS; do
    echo "dest $c {"
    [ -e "db/$c/domains" ] && echo "  domainlist $c/domains"
    [ -e "db/$c/urls" ] && echo "  urllist $c/urls"
    [ -e "db/$c/expressions" ] && echo "  expressionlist $c/expressions"
    echo "}"
  done
  echo "acl {"
  echo "  default {"
  echo "    pass $(for c in $CATS; do printf '!%s ' "$c"; done)all"
  echo "    redirect http://blocked.example/?cat=%t"
  echo "  }"
  echo "}"
} > squidGuard.conf
/usr/bin/time -f "%e s" -o sg-build.time squidGuard -c squidGuard.conf -C all 2>/dev/null
echo "squidGuard db build: $(cat sg-build.time)"

echo "== build netwatch"
dotnet build -c Release "$REPO/src/NetWatch.Cli" -v q -nologo 2>&1 | grep -E "error|Warn|Elapsed" || true
NETWATCH="$REPO/src/NetWatch.Cli/bin/Release/net10.0/netwatch.dll"

echo "== classify (same run: squidGuard, then netwatch)"
uptime
/usr/bin/time -f "%e %U %S %M" -o sg.time squidGuard -c squidGuard.conf < sg-input.txt > sg-out.txt
/usr/bin/time -f "%e %U %S %M" -o nw.time dotnet "$NETWATCH" classify --stats --lists db < urls.txt > nw-out.txt 2> nw.stats
uptime
N=$(wc -l < urls.txt)
read -r sgw sgu sgs sgm < sg.time
read -r nww nwu nws nwm < nw.time
awk -v n="$N" -v w="$sgw" -v u="$sgu" -v s="$sgs" -v m="$sgm" 'BEGIN{printf "squidGuard 1.6: %.1f s wall, %.1f s CPU, %d URLs/s wall, %d URLs/s per CPU s, peak RSS %d MB\n", w, u+s, n/w, n/(u+s), m/1024}'
awk -v n="$N" -v w="$nww" -v u="$nwu" -v s="$nws" -v m="$nwm" 'BEGIN{printf "netwatch classify: %.1f s wall, %.1f s CPU, %d URLs/s wall, %d URLs/s per CPU s, peak RSS %d MB (process total, lists loading included)\n", w, u+s, n/w, n/(u+s), m/1024}'
echo "netwatch: $(cat nw.stats)"

echo "== decisions"
python3 "$REPO/bench/compare-decisions.py" db "$CATS" urls.txt sg-out.txt nw-out.txt

echo "== 4.6M-domain list (gen_domains.py --count $BIG --seed 1)"
[ -s "big/adult/domains" ] || { mkdir -p big/adult && python3 "$SHARED/tools/gen_domains.py" --count "$BIG" --seed 1 -o big/adult/domains; }
for round in 1 2 3; do
  /usr/bin/time -f "%e s wall, %U s user, peak RSS %M KB" -o big.time dotnet "$NETWATCH" classify --stats --lists big < /dev/null 2> big.stats
  echo "round $round: $(cat big.stats) | process: $(cat big.time)"
done
