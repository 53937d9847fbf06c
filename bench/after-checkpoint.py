#!/usr/bin/env python3
"""A live run's service log (bench/live-lag.sh with NETWATCH_TIMELINE=1) after each checkpoint of the main file: what the
side file held when it ended, and for the next 6 s (or to the next checkpoint) what the store stage did: waits for the
checkpoint, moves of held batches (batches, events, wall, what was left), side commits and main sessions with their
latency (">1s" marked), behind flips and behind sessions' commits (issue 18: the first main sessions after a checkpoint).
Usage: bench/after-checkpoint.py SERVICE.log..."""
# Per checkpoint of a live run's service log: what the store stage did in the 6 s after it ended.
import re, sys
for path in sys.argv[1:]:
    tl = [(float(m.group(1)), m.group(2)) for l in open(path, errors="replace") if (m := re.match(r"timeline:\s+([\d.]+) (.*)", l))]
    done = [i for i, (t, s) in enumerate(tl) if s.startswith("checkpoint done")]
    print("==", path)
    # A move right after a wait for the checkpoint takes everything held (TakeHeldAsync: the side hold full, the stage
    # behind, a marker); any other is a step (MoveStep) after a batch went into the side file.
    tot = dict(moves=0, ev=0, wall=0.0, over=0, all_at_once=[], steps=[])
    for i in done:
        t0 = tl[i][0]; held = None
        for t, s in tl[max(0, i-8):i]:
            m = re.search(r"held (\d+) batches (\d+) events", s)
            if m: held = (int(m.group(1)), int(m.group(2)))
        out = []; waited = False
        for t, s in tl[i+1:]:
            if t - t0 > 6 or s.startswith("checkpoint starts"): break
            if s.startswith("moved"):
                m = re.search(r"moved (\d+) held batches, (\d+) events, ([\d.]+) s wall.*; (\d+) batches (\d+) events left", s)
                out.append(f"+{t-t0:.2f} move {m.group(1)}b {m.group(2)}ev {m.group(3)}s left {m.group(5)}")
                tot['moves'] += 1; tot['ev'] += int(m.group(2)); tot['wall'] += float(m.group(3))
                tot['all_at_once' if waited else 'steps'].append((int(m.group(2)), float(m.group(3))))
            if s.startswith("waited for"): waited = True
            elif s.startswith("moved"): waited = False
            if s.startswith("waited for"): out.append(f"+{t-t0:.2f} wait {s.split(': ')[1].split(' wall')[0]}")
            elif "behind: the" in s: out.append(f"+{t-t0:.2f} BEHIND")
            elif "keeping up" in s: out.append(f"+{t-t0:.2f} keep")
            elif s.startswith("behind session committed"): out.append(f"+{t-t0:.2f} behind-commit {s.split()[3]}b")
            elif (m := re.search(r"^(main session|side commit) (\d+) events ([\d.]+) s wall.*latency ([\d.]+) s", s)):
                lat = float(m.group(4)); tot['over'] += lat > 1
                out.append(f"+{t-t0:.2f} {'main' if m.group(1)[0]=='m' else 'side'} {m.group(2)}ev lat {lat:.2f}{' >1s' if lat>1 else ''}")
        print(f"checkpoint done at {t0:.1f} ({tl[i][1].split(': ')[1]}), held before: {held}")
        print("   " + " | ".join(out[:14]))
    for k in ("all_at_once", "steps"):
        x = tot.pop(k)
        print(f"  moves {k}: {len(x)}, events {sum(e for e, _ in x)} (max {max((e for e, _ in x), default=0)}), wall {sum(w for _, w in x):.2f} s (max {max((w for _, w in x), default=0):.2f})")
    print("totals after checkpoints:", tot)
