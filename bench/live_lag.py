#!/usr/bin/env python3
"""Live lag (issue 18): appends Squid lines to a followed file at --rate lines/s for --seconds and, each second, samples
the service's /metrics: how many bytes written are not yet stored (netwatch_source_lag_bytes), the service's own
netwatch_source_lag_seconds (seconds since the file was last fully stored), lines stored. After the writer stops it keeps
sampling until the service has caught up (or --drain seconds pass). Prints the samples, the maximum lag, and the
netwatch_batch_latency_seconds histogram (read → committed) with p50/p90/p99 estimated from its buckets.

The lines are those of --background, cycled, each with its time replaced by the moment it is written: every line is
then new (another time, so another event id) and the events are as fresh as a proxy's. Lag in seconds behind the
writer: the lines written and not yet stored (netwatch_lines_read_total counts lines as their batch commits) divided by
the rate. netwatch_source_lag_bytes is printed too, but it is measured against the file size the tailer last saw, so
while the pipeline pushes back on the tailer it stands still and understates the lag.
"""
import argparse, http.client, re, sys, threading, time

SAMPLE = re.compile(r'^(\w+)(?:\{([^}]*)\})? ([0-9.eE+-]+|NaN|\+Inf)$')


def scrape(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/metrics")
    body = conn.getresponse().read().decode()
    values = {}
    for line in body.splitlines():
        m = SAMPLE.match(line)
        if m:
            values[(m.group(1), m.group(2) or "")] = float(m.group(3))
    return values


def total(values, name):
    return sum(v for (n, _), v in values.items() if n == name)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--log", required=True, help="the file the service follows (appended to)")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--background", required=True, help="file of Squid lines to replay")
    p.add_argument("--rate", type=int, default=50000)
    p.add_argument("--seconds", type=float, default=120)
    p.add_argument("--drain", type=float, default=120, help="how long to wait for the service to catch up afterwards")
    p.add_argument("--failures", type=int, default=5,
                   help="consecutive samples /metrics may fail before the service is taken as gone (stop with an error)")
    a = p.parse_args()

    with open(a.background, "rb") as f:
        lines = [l.split(b" ", 1)[1] for l in f.read().splitlines(keepends=True) if b" " in l]
    state = {"written": 0, "bytes": 0, "done": False}

    def write():
        out = open(a.log, "ab", buffering=0)
        start = time.monotonic()
        tick = 0.01  # 100 writes a second, each of the lines due by then
        i = 0
        total_lines = int(a.seconds * a.rate)
        while True:
            now = time.monotonic()
            # Exactly SECONDS x RATE lines in all (the last write tops up): two runs then store the same lines, but for
            # their time stamps (each run's own clock), and their stores can be compared.
            due = min(int((now - start) * a.rate), total_lines) - state["written"]
            if due > 0:
                stamp = b"%.3f " % time.time()
                block = b"".join(stamp + lines[(i + k) % len(lines)] for k in range(due))
                i += due
                out.write(block)
                state["written"] += due
                state["bytes"] += len(block)
            if state["written"] >= total_lines:
                break
            time.sleep(tick)
        state["elapsed"] = time.monotonic() - start
        state["done"] = True

    base = scrape(a.port)
    stored0 = total(base, "netwatch_lines_read_total")
    writer = threading.Thread(target=write, daemon=True)
    start = time.monotonic()
    writer.start()
    samples = []
    print(f"{'t s':>5} {'written':>10} {'stored':>10} {'lag bytes':>12} {'lag s':>7} {'service lag s':>13}")
    drained_at = None
    failed = 0  # consecutive samples /metrics did not answer
    while True:
        time.sleep(1 - ((time.monotonic() - start) % 1))
        t = time.monotonic() - start
        try:
            m = scrape(a.port)
            failed = 0
        except (OSError, http.client.HTTPException) as e:
            failed += 1
            print(f"{t:5.0f} /metrics did not answer: {e}", flush=True)
            # A service that died answers no more: stop rather than sample it for ever (the end tests below need a sample).
            if failed >= a.failures or t > a.seconds + a.drain:
                print(f"live_lag: /metrics did not answer {failed} sample(s) in a row: the service is gone; stopping "
                      f"({state['written']} lines written, {len(samples)} samples taken)", file=sys.stderr)
                sys.exit(2)
            continue
        written = state["written"]
        lag_bytes = total(m, "netwatch_source_lag_bytes")
        service_lag = total(m, "netwatch_source_lag_seconds")
        stored = total(m, "netwatch_lines_read_total") - stored0
        lag_s = max(0.0, written - stored) / a.rate
        samples.append((t, lag_s, service_lag))
        print(f"{t:5.0f} {written:10d} {stored:10.0f} {lag_bytes:12.0f} {lag_s:7.2f} {service_lag:13.2f}", flush=True)
        if state["done"]:
            if stored >= state["written"]:
                drained_at = t
                break
            if t > a.seconds + a.drain:
                break

    rate = state["written"] / state["elapsed"]
    during = [s for s in samples if s[0] <= a.seconds]
    print(f"written {state['written']} lines in {state['elapsed']:.1f} s = {rate:,.0f} lines/s "
          f"({state['bytes'] / state['elapsed'] / 1e6:.1f} MB/s)")
    print(f"max lag behind the writer: {max(s[1] for s in samples):.2f} s (while writing: {max(s[1] for s in during):.2f} s); "
          f"max netwatch_source_lag_seconds: {max(s[2] for s in samples):.2f} s")
    print("caught up " + (f"{drained_at - state['elapsed']:.1f} s after the writer stopped" if drained_at
                          else f"NOT within {a.drain:.0f} s of the writer stopping"))

    buckets = sorted(((float(re.search(r'le="([^"]+)"', labels).group(1)), v)
                      for (n, labels), v in m.items() if n == "netwatch_batch_latency_seconds_bucket"))
    count = total(m, "netwatch_batch_latency_seconds_count")
    latency_sum = total(m, "netwatch_batch_latency_seconds_sum")
    print(f"batch latency (read → committed): {count:.0f} batches, mean {latency_sum / count if count else float('nan'):.3f} s")
    previous = 0
    for le, cumulative in buckets:
        print(f"  <= {le:>6g} s {cumulative - previous:8.0f}  (cumulative {cumulative / count * 100 if count else 0:5.1f}%)")
        previous = cumulative

    def quantile(q):
        for le, cumulative in buckets:
            if count and cumulative >= q * count:
                return f"<= {le:g} s"
        return "n/a"
    print(f"  p50 {quantile(0.5)}, p90 {quantile(0.9)}, p99 {quantile(0.99)}")
    sys.exit(0 if drained_at else 1)


if __name__ == "__main__":
    main()
