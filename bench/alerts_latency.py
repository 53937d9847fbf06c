#!/usr/bin/env python3
"""Alert latency: from a line appended to a tailed Squid log to its alert on the SSE live feed (issue 15).

Appends background lines (from gen_squid_log.py) at --rate lines/s and, spread over the run, --alerts safeguarding
search lines, each by a user of its own (so each raises a new alert, not a grouped update). Reads
GET /api/alerts/feed with a DSL's bearer token and matches each alert to its line by the user name.
Prints p50/p90/p99/max latency in ms, how many alerts arrived, and the background rate achieved; with --trace (the
service's NETWATCH_ALERT_TRACE file), each hop's percentiles and the slowest 1% of alerts hop by hop. Alerts of the
background's own safeguarding searches also arrive on the feed; they are not counted.
"""
import argparse, http.client, json, os, sys, threading, time

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--log", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--background", required=True, help="file of background Squid lines")
    p.add_argument("--rate", type=int, default=20000, help="background lines per second (0: as fast as possible)")
    p.add_argument("--alerts", type=int, default=1000)
    p.add_argument("--seconds", type=float, default=50)
    p.add_argument("--trace", help="the service's per-alert hop times (NETWATCH_ALERT_TRACE), to split each alert's latency")
    p.add_argument("--service-log", help="the service's log (with NETWATCH_TIMELINE=1: the store stage's steps, set beside the slow alerts)")
    a = p.parse_args()

    arrived, sent = {}, {}
    ready = threading.Event()

    def listen():
        conn = http.client.HTTPConnection("127.0.0.1", a.port, timeout=600)
        conn.request("GET", "/api/alerts/feed", headers={"Authorization": "Bearer " + a.token, "Accept": "text/event-stream"})
        r = conn.getresponse()
        if r.status != 200:
            print("feed:", r.status, r.read()[:300], file=sys.stderr); os._exit(1)
        ready.set()
        while True:
            line = r.readline()  # HTTPResponse decodes the chunked transfer coding (r.fp would not)
            if not line: return
            if line.startswith(b"data: "):
                now = time.monotonic()
                item = json.loads(line[6:])
                arrived.setdefault(item["subject"], now)

    threading.Thread(target=listen, daemon=True).start()
    if not ready.wait(30): sys.exit("the feed did not answer")

    with open(a.background, "rb") as f:
        background = f.read().splitlines(keepends=True)
    every = a.seconds / a.alerts
    out = open(a.log, "ab", buffering=0)
    start = time.monotonic()
    written = 0
    next_alert, n = start, 0
    chunk = max(1, a.rate // 200) if a.rate else 2000
    while n < a.alerts:
        now = time.monotonic()
        if now >= next_alert:
            user = f"bench{n:05d}"
            ts = f"{time.time():.3f}"
            line = f"{ts}     12 127.0.30.{n % 250 + 1} TCP_MISS/200 5120 GET http://www.google.co.uk/search?q=how+to+self+harm&hl=en-GB {user} HIER_DIRECT/127.0.0.2 text/html\n"
            out.write(line.encode()); sent[user] = time.monotonic(); n += 1; next_alert += every
            continue
        target = (now - start) * a.rate if a.rate else written + chunk
        if written < target:
            block = [background[(written + i) % len(background)] for i in range(chunk)]
            out.write(b"".join(block)); written += chunk
        else:
            time.sleep(0.001)
    elapsed = time.monotonic() - start
    deadline = time.monotonic() + 30
    # Only the bench's own alerts count: the background log has safeguarding searches of its own, whose alerts also
    # arrive on the feed (counting them let the wait end before the last bench alerts came: "298 of 300").
    waiting = lambda: sum(1 for u in sent if u not in arrived)
    while waiting() and time.monotonic() < deadline: time.sleep(0.1)
    lat = sorted((arrived[u] - t) * 1000 for u, t in sent.items() if u in arrived)
    pct = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] if lat else float("nan")
    print(f"alerts sent {len(sent)}, arrived {len(lat)}; background {written} lines in {elapsed:.1f} s = {written / elapsed:,.0f} lines/s")
    print(f"latency ms: p50 {pct(0.5):.1f}  p90 {pct(0.9):.1f}  p99 {pct(0.99):.1f}  max {lat[-1] if lat else float('nan'):.1f}")
    hops(a.port)
    if a.trace: per_alert(a.trace, sent, arrived, a.service_log)

HOPS = ["appended -> read", "read -> parsed", "parsed -> enriched", "enriched -> lane", "lane: match, raised-before?",
        "lane: group, commit", "lane: told", "told -> client", "(GC paused, since last entry)"]
# A trace with the finer split (LaneSteps: 17 columns) splits two hops: "enriched -> lane" into the read-ahead's own queue
# (its blocks wait while the raise before them is in the lane) and the turn (the bulk pipeline's raise holds the lane),
# and "lane: group, commit" into grouping (which may read the store) and the lane's commit.
FINE = ["appended -> read", "read -> parsed", "parsed -> enriched", "enriched -> asked (queue)", "asked -> lane (turn)",
        "lane: match, raised-before?", "lane: group", "lane: commit", "lane: told", "told -> client", "(GC paused, since last entry)"]
STEPS = ["match, raised-before?", "group", "commit"]
SLOW_MS = 250

def per_alert(path, sent, arrived, service_log=None):
    """Each alert's latency split into hops, from the service's trace (seconds on the monotonic clock Python shares):
    the percentiles of each hop, then the slowest 1% of alerts hop by hop (the tail is what p99 is about); with the finer
    split, where the slow alerts' time went (per hop; in the lane: CPU, queued for a core, blocked) and, with the
    service's log (NETWATCH_TIMELINE=1), what the store stage was doing meanwhile."""
    times = {}
    try:
        with open(path) as f:
            for line in f:
                user, *ts = line.rstrip("\n").split("\t")
                if user in sent and user not in times: times[user] = [float(t) for t in ts]
    except OSError as e:
        print("trace:", e); return
    fine = bool(times) and all(len(t) >= 17 for t in times.values())
    # Column 7 is the process's GC pause total when the entry was told: its growth since the entry before (in the order
    # they were told) is the pause time around this alert (an estimate: the window is entry to entry).
    pauses, before = {}, None
    for user, t in sorted(times.items(), key=lambda x: x[1][6]):
        pauses[user] = (t[7] - before) * 1000 if before is not None else 0.0
        before = t[7]
    rows = []
    for user, t in times.items():
        if user not in arrived: continue
        points = [sent[user]] + (t[:3] + [t[8], t[3], t[4], t[9], t[5], t[6]] if fine else t[:7]) + [arrived[user]]
        rows.append((arrived[user] - sent[user], [(b - a) * 1000 for a, b in zip(points, points[1:])] + [pauses[user]], user))
    if not rows:
        print("trace: no alert matched"); return
    rows.sort()
    names = FINE if fine else HOPS
    print(f"per hop over {len(rows)} traced alerts (ms):        p50      p90      p99      max")
    for i, name in enumerate(names):
        v = sorted(r[1][i] for r in rows)
        q = lambda p: v[min(len(v) - 1, int(p * len(v)))]
        print(f"  {name:<28} {q(0.5):8.1f} {q(0.9):8.1f} {q(0.99):8.1f} {v[-1]:8.1f}")
    print("hop by hop (ms): " + " | ".join(names))
    show = lambda title, some: [print(title)] + [print(f"  {user} {total * 1000:7.1f}: " + " ".join(f"{x:7.1f}" for x in split))
                                                for total, split, user in some]
    show("the first 5 sent (a cold start shows here)", sorted(rows, key=lambda r: r[2])[:5])
    show("the slowest 1%", rows[-max(1, len(rows) // 100):])
    if fine: slow_alerts(rows, times, service_log)

def slow_alerts(rows, times, service_log):
    """Where the alerts over SLOW_MS spent their time: each hop's share of their summed latency; the lane's steps split
    into the thread's CPU, time queued for a core and the rest (blocked: a lock, the disk); and the store stage's steps
    (main sessions, side commits, moves, checkpoints) that overlapped them, against the share of the run each covered."""
    slow = [r for r in rows if r[0] * 1000 > SLOW_MS]
    print(f"alerts over {SLOW_MS} ms: {len(slow)} of {len(rows)}")
    if not slow: return
    total = sum(r[0] * 1000 for r in slow)
    print("  their time by hop (ms, share): " + ", ".join(
        f"{name} {sum(r[1][i] for r in slow):.0f} ({sum(r[1][i] for r in slow) / total:.0%})" for i, name in enumerate(FINE[:-1])))
    gc = sum(r[1][-1] for r in slow)
    print(f"  GC paused around them: {gc:.0f} ms (entry to entry; counted once an entry)")
    entries = {tuple(times[r[2]][3:6]): times[r[2]] for r in slow}   # one lane entry may carry several slow alerts
    walls = {"match, raised-before?": (3, 4), "group": (4, 9), "commit": (9, 5)}
    for k, name in enumerate(STEPS):
        split = [(t[walls[name][1]] - t[walls[name][0]]) * 1000 for t in entries.values()], \
                [t[11 + 2 * k] for t in entries.values()], [t[12 + 2 * k] for t in entries.values()]
        known = [i for i, c in enumerate(split[1]) if c >= 0]
        wall, cpu, queued = (sum(split[j][i] for i in known) for j in range(3))
        print(f"  lane step {name:<22} over {len(entries)} entries: {sum(split[0]):7.0f} ms wall; of the {len(known)} on one thread: "
              f"{wall:.0f} wall = {cpu:.0f} CPU + {queued:.0f} queued for a core + {wall - cpu - queued:.0f} blocked")
    if service_log: against_store(slow, times, service_log)

def against_store(slow, times, path):
    """The store stage's steps from the service's timeline ("timeline: SECONDS what"; a step's line is written at its end
    with its wall time; a checkpoint has a start and a done line), and how many slow alerts each kind overlapped."""
    import re
    steps, start = {"main session": [], "side commit": [], "moved": [], "checkpoint": []}, None
    try:
        for line in open(path, errors="replace"):
            m = re.match(r"timeline:\s+([\d.]+) (.*)", line)
            if not m: continue
            at, what = float(m.group(1)), m.group(2)
            if what.startswith("checkpoint starts"): start = at
            elif what.startswith("checkpoint done") and start is not None: steps["checkpoint"].append((start, at)); start = None
            else:
                for kind in ("main session", "side commit", "moved"):
                    if what.startswith(kind) and (w := re.search(r"([\d.]+) s wall", what)):
                        steps[kind].append((at - float(w.group(1)), at))
    except OSError as e:
        print("service log:", e); return
    windows = [(times[r[2]][10] - r[0], times[r[2]][10]) for r in slow]   # sent -> told, on the timeline's clock
    span = (min(w[0] for w in windows), max(w[1] for w in windows))
    for kind, spans in steps.items():
        hit = sum(1 for a, b in windows if any(s < b and e > a for s, e in spans))
        covered = sum(min(e, span[1]) - max(s, span[0]) for s, e in spans if e > span[0] and s < span[1])
        print(f"  {kind:<13} {len(spans):4d} in the run; overlapped {hit} of {len(slow)} slow alerts; covered "
              f"{covered / max(1e-9, span[1] - span[0]):.0%} of the slow alerts' span")

def hops(port):
    """The service's own figures per hop (/metrics histograms, to a bucket's upper bound): read -> fast lane, in the lane
    (stored, then told on the feed), and the bulk path (read -> committed) every batch takes."""
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/metrics")
        text = conn.getresponse().read().decode()
    except OSError as e:
        print("metrics:", e); return
    for name, what in [("netwatch_alert_read_to_lane_seconds", "alert batches, read -> fast lane"),
                       ("netwatch_alert_lane_seconds", "alert batches, in the fast lane (stored, told)"),
                       ("netwatch_batch_latency_seconds", "every batch, read -> bulk commit")]:
        buckets = []
        total = count = 0.0
        for line in text.splitlines():
            if line.startswith(name + "_bucket{"):
                le = line.split('le="', 1)[1].split('"', 1)[0]
                buckets.append((float("inf") if le == "+Inf" else float(le), float(line.rsplit(" ", 1)[1])))
            elif line.startswith(name + "_sum"): total = float(line.rsplit(" ", 1)[1])
            elif line.startswith(name + "_count"): count = float(line.rsplit(" ", 1)[1])
        if not count:
            print(f"{what}: none"); continue
        def q(p):
            for bound, c in sorted(buckets):
                if c >= p * count: return "<= " + (f"{bound * 1000:g}" if bound != float("inf") else "inf")
        print(f"{what}: {int(count)} batches, mean {total / count * 1000:.1f} ms, p50 {q(0.5)} ms, p99 {q(0.99)} ms")

if __name__ == "__main__":
    main()
