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
    if a.trace: per_alert(a.trace, sent, arrived)

HOPS = ["appended -> read", "read -> parsed", "parsed -> enriched", "enriched -> lane", "lane: match, raised-before?",
        "lane: group, commit", "lane: told", "told -> client", "(GC paused, since last entry)"]

def per_alert(path, sent, arrived):
    """Each alert's latency split into hops, from the service's trace (seconds on the monotonic clock Python shares):
    the percentiles of each hop, then the slowest 1% of alerts hop by hop (the tail is what p99 is about)."""
    times = {}
    try:
        with open(path) as f:
            for line in f:
                user, *ts = line.rstrip("\n").split("\t")
                if user in sent and user not in times: times[user] = [float(t) for t in ts]
    except OSError as e:
        print("trace:", e); return
    # The last column is the process's GC pause total when the entry was told: its growth since the entry before (in
    # the order they were told) is the pause time around this alert (an estimate: the window is entry to entry).
    pauses, before = {}, None
    for user, t in sorted(times.items(), key=lambda x: x[1][6]):
        pauses[user] = (t[7] - before) * 1000 if before is not None else 0.0
        before = t[7]
    rows = []
    for user, t in times.items():
        if user not in arrived: continue
        points = [sent[user]] + t[:7] + [arrived[user]]
        rows.append((arrived[user] - sent[user], [(b - a) * 1000 for a, b in zip(points, points[1:])] + [pauses[user]], user))
    if not rows:
        print("trace: no alert matched"); return
    rows.sort()
    print(f"per hop over {len(rows)} traced alerts (ms):        p50      p90      p99      max")
    for i, name in enumerate(HOPS):
        v = sorted(r[1][i] for r in rows)
        q = lambda p: v[min(len(v) - 1, int(p * len(v)))]
        print(f"  {name:<28} {q(0.5):8.1f} {q(0.9):8.1f} {q(0.99):8.1f} {v[-1]:8.1f}")
    print("hop by hop (ms): " + " | ".join(HOPS))
    show = lambda title, some: [print(title)] + [print(f"  {user} {total * 1000:7.1f}: " + " ".join(f"{x:7.1f}" for x in split))
                                                for total, split, user in some]
    show("the first 5 sent (a cold start shows here)", sorted(rows, key=lambda r: r[2])[:5])
    show("the slowest 1%", rows[-max(1, len(rows) // 100):])

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
