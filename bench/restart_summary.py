#!/usr/bin/env python3
"""A restart's service log (bench/restart-after-behind.sh; NETWATCH_TIMELINE=1) beside bench/timeline-summary.py's: the batches
(main sessions and side commits) of the first --window seconds from the first one, how many over 1 s, their p99 and longest;
and the owed sessions' steps ("owed step" lines): how many, when, the session counted every 10 s, wall and CPU.
Usage: bench/restart_summary.py SERVICE.log [--window 60]"""
import argparse, re

a = argparse.ArgumentParser()
a.add_argument("log")
a.add_argument("--window", type=float, default=60)
args = a.parse_args()
tl = [(float(m.group(1)), m.group(2)) for l in open(args.log, errors="replace") if (m := re.match(r"timeline:\s+([\d.]+) (.*)", l))]
batches = [(t, float(m.group(1))) for t, s in tl if (m := re.search(r"latency ([\d.]+) s", s))]
if batches:
    t0 = batches[0][0]
    first = sorted(lat for t, lat in batches if t - t0 <= args.window)
    p99 = first[min(len(first) - 1, int(0.99 * len(first)))]
    print(f"first {args.window:.0f} s of batches (from {t0:.1f} s): {len(first)} batches, {sum(l > 1 for l in first)} over 1 s, "
          f"p99 {p99:.3f} s, longest {first[-1]:.3f} s; whole run: {len(batches)} batches, {sum(l > 1 for _, l in batches)} over 1 s")
steps = [(t, int(m.group(1)), float(m.group(2)), float(m.group(3))) for t, s in tl
         if (m := re.search(r"owed step: session (\d+) counted, ([\d.]+) s wall ([\d.]+) s CPU", s))]
if not steps:
    print("owed steps: none logged")
else:
    bucket = None
    for t, session, wall, cpu in steps:
        if int((t - steps[0][0]) // 10) != bucket:
            bucket = int((t - steps[0][0]) // 10)
            print(f"  at {t:7.1f} s: session {session} counted ({wall:.3f} s wall {cpu:.3f} s CPU)")
    walls, cpus = sorted(s[2] for s in steps), sorted(s[3] for s in steps)
    print(f"owed steps: {len(steps)}, from {steps[0][0]:.1f} to {steps[-1][0]:.1f} s; wall {sum(walls):.2f} s (median {walls[len(walls) // 2]:.3f}, "
          f"longest {walls[-1]:.3f}), CPU {sum(cpus):.2f} s (median {cpus[len(cpus) // 2]:.3f}, largest {cpus[-1]:.3f})")
