#!/usr/bin/env python3
"""Writes samples/day/squid-2026-11-24.log: one school day (Tuesday 24 November 2026, in the autumn term of the seed
policies) of Squid native log for the people and devices of samples/attribution/.

1. tools/gen_squid_log.py (the shared generator, copied beside this script) writes 4,000 lines of that day with
   40 generated users and 40 addresses, and no malformed lines; the lines between 07:30 and 18:00 are kept.
2. Each generated user becomes a person of samples/attribution/directory.csv (staff.* -> the staff, pupil.* -> the
   pupils, in order of first appearance) and each line's client address the address of that person's first device
   in devices.csv; unauthenticated lines ('-') keep a shared device (library kiosk, staffroom PC).
3. A few lines are added, as the proxy would log them: searches a DSL must see (safeguarding phrases of
   data/safeguarding/phrases.yaml), prohibited visits (gambling, a proxy-bypass site), and staff's personal use at
   lunch and in lessons. The file is sorted by time.

Deterministic: the same generator, seed and lists give the same bytes. Run from the repository root:
    python3 tools/make_sample_day.py
"""
import csv
import datetime as dt
import subprocess
import sys
from zoneinfo import ZoneInfo

DAY = "2026-11-24"
OUT = "samples/day/squid-2026-11-24.log"
LONDON = ZoneInfo("Europe/London")

people = list(csv.DictReader(open("samples/attribution/directory.csv")))
devices = list(csv.DictReader(open("samples/attribution/devices.csv")))
staff = [p["username"] for p in people if p["role"] == "staff"]
pupils = [p["username"] for p in people if p["role"] == "pupil"]
device_of = {}
for d in devices:
    if d["owner"] and d["owner"] not in device_of:
        device_of[d["owner"]] = d["ip"]
shared = [d["ip"] for d in devices if d["kind"] == "shared"]

generated = subprocess.run(
    [sys.executable, "tools/gen_squid_log.py", "--seed", "7", "--lines", "4000", "--users", "40", "--ips", "40",
     "--start", DAY, "--days", "1", "--bad-rate", "0", "--ut1-dir", "data/ut1"],
    check=True, capture_output=True, text=True).stdout.splitlines()

mapping = {}
lines = []
opens = dt.datetime.fromisoformat(f"{DAY}T07:30:00").replace(tzinfo=LONDON).timestamp()
closes = dt.datetime.fromisoformat(f"{DAY}T18:00:00").replace(tzinfo=LONDON).timestamp()
for n, line in enumerate(generated):
    f = line.split()
    if not opens <= float(f[0]) < closes:
        continue
    user = f[7]
    if user == "-":
        ip = shared[n % len(shared)]
    else:
        if user not in mapping:
            pool = staff if user.startswith("staff.") else pupils
            taken = sum(1 for v in mapping.values() if v in pool)
            mapping[user] = pool[taken % len(pool)]
        user = mapping[user]
        ip = device_of[user]
    f[2], f[7] = ip, user
    lines.append(f)


def at(hh, mm, ss):
    local = dt.datetime.fromisoformat(f"{DAY}T{hh:02d}:{mm:02d}:{ss:02d}").replace(tzinfo=LONDON)
    return f"{local.timestamp():.3f}"


def add(hh, mm, ss, user, url, status="TCP_MISS/200", size=24817, mime="text/html"):
    host = url.split("/")[2]
    lines.append([at(hh, mm, ss), "   112", device_of[user], status, str(size), "GET", url, user,
                  "HIER_NONE/-" if status.startswith("TCP_DENIED") else f"HIER_DIRECT/{host}", mime])


# searches a DSL must see
add(11, 5, 12, "y9.khan", "https://www.google.com/search?q=how+to+hide+self+harm+scars&oq=how+to+hide&ie=UTF-8")
add(12, 41, 3, "y8.wilson", "https://www.bing.com/search?q=everyone+at+school+hates+me&form=QBLH")
add(14, 2, 47, "p.jones", "https://www.google.com/search?q=how+to+stop+eating+to+lose+weight&ie=UTF-8")
add(15, 48, 30, "l.evans", "https://duckduckgo.com/?q=painless+way+to+die&ia=web")
# prohibited visits (the filter denies some, not all)
add(10, 17, 9, "y11.taylor", "http://www.bet365.com/", status="TCP_DENIED/403", size=3811)
add(13, 2, 55, "s.nowak", "http://www.hidemyass.com/proxy", status="TCP_DENIED/403", size=3811)
add(13, 3, 20, "s.nowak", "https://www.croxyproxy.com/")
# staff's personal use: at lunch (a break) and in a lesson (working hours)
for m in range(0, 14, 2):
    add(12, 30 + m, 5, "j.smith", f"https://www.facebook.com/groups/{4711 + m}")
for m in range(0, 9, 3):
    add(10, 5 + m, 40, "a.patel", f"https://www.amazon.co.uk/s?k=kettle&page={m}")

lines.sort(key=lambda f: float(f[0]))
with open(OUT, "w", newline="\n") as out:
    for f in lines:
        out.write(" ".join(f) + "\n")
print(f"{OUT}: {len(lines)} lines; users {mapping}", file=sys.stderr)
