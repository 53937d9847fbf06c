#!/usr/bin/env python3
"""A live run's service log (bench/live-lag.sh with NETWATCH_PHASES=1 NETWATCH_TIMELINE=1; $BENCH_DIR/live-lag-service.log)
summed up: checkpoints, waits for them, behind/keeping-up flips, behind sessions and the batches they held, side commits,
and each batch over 1 s in the timeline by what preceded it. Usage: bench/timeline-summary.py SERVICE.log..."""
import re, sys
for path in sys.argv[1:]:
    lines = [l.rstrip() for l in open(path, errors="replace")]
    tl = [(float(m.group(1)), m.group(2)) for l in lines if (m := re.match(r"timeline:\s+([\d.]+) (.*)", l))]
    ck = [t for t in tl if t[1].startswith("checkpoint starts")]
    ckd = [t for t in tl if t[1].startswith("checkpoint done")]
    wal = [int(re.search(r"WAL (\d+) MB", t[1]).group(1)) for t in ck]
    ckw = [float(re.search(r"done: ([\d.]+) s wall", t[1]).group(1)) for t in ckd]
    ckc = [float(re.search(r"wall (-?[\d.]+) s CPU", t[1]).group(1)) for t in ckd]
    flips_b = sum(1 for t in tl if t[1].startswith("behind: the writer"))
    flips_k = sum(1 for t in tl if t[1].startswith("keeping up: the writer"))
    behind_batches = sum(int(re.search(r"committed (\d+) batches", t[1]).group(1)) for t in tl if t[1].startswith("behind session committed"))
    behind_sessions = sum(1 for t in tl if t[1].startswith("behind session committed"))
    waits = [float(re.search(r"checkpoint: ([\d.]+) s wall", t[1]).group(1)) for t in tl if t[1].startswith("waited for the checkpoint")]
    # over-1s batches: side commits, main sessions; classify by context
    cause = {}
    last_ck_done = -99; last_ck_start = -99; checkpointing = False; last_move = -99; last_wait = -99
    side_n = main_n = 0
    for t, s in tl:
        if s.startswith("checkpoint starts"): checkpointing = True; last_ck_start = t
        elif s.startswith("checkpoint done"): checkpointing = False; last_ck_done = t
        elif s.startswith("moved"): last_move = t
        elif s.startswith("waited for the checkpoint"): last_wait = t
        m = re.search(r"latency ([\d.]+) s", s)
        if not m: continue
        lat = float(m.group(1))
        kind = "side" if s.startswith("side commit") else "main"
        if kind == "side": side_n += 1
        else: main_n += 1
        if lat <= 1: continue
        if kind == "side": c = "side commit under a checkpoint"
        elif t - last_wait < 2 and last_wait > last_ck_start: c = "main after waiting for the checkpoint (side hold full)"
        elif t - last_move < 1.5: c = "main right after a move of held batches"
        elif t - last_ck_done < 6: c = "main within 6 s after a checkpoint (backlog)"
        else: c = "main, other"
        cause[c] = cause.get(c, 0) + 1
    phases = {}
    for l in lines:
        m = re.match(r"phase (.+?)\s{2,}([\d.]+) s wall\s+(-?[\d.]+) s CPU\s+(\d+) calls", l)
        if m: phases[m.group(1)] = (float(m.group(2)), float(m.group(3)), int(m.group(4)))
    gc = next((l for l in lines if l.startswith("phase GC pauses")), "")
    print(f"== {path}")
    print(f"checkpoints {len(ck)} (WAL at start MB {wal}); wall {sum(ckw):.1f} s, CPU {sum(ckc):.1f} s; waits for the checkpoint {len(waits)} ({sum(waits):.1f} s)")
    print(f"flips: behind {flips_b}, keeping up {flips_k}; behind sessions {behind_sessions} with {behind_batches} batches (each batch held to its session's commit)")
    print(f"side commits {side_n}, main sessions {main_n}; batches over 1 s by cause: {cause}")
    for k in ["store: commit", "store: events append", "store: side file commit", "store: side file moved", "store: side file waits for the checkpoint", "store: behind, waits for the checkpoint", "store: events"]:
        if k in phases: print(f"  {k}: {phases[k][0]:.1f} s wall {phases[k][1]:.1f} s CPU {phases[k][2]} calls")
    # Steps timed on one thread (builds since session 41): wall = CPU + queued (ready, waiting for a core) + blocked (the rest:
    # a lock, a wait, the disk). Side commits are split by whether a checkpoint ran as they started.
    split = {}
    checkpointing = False
    for t, s in tl:
        if s.startswith("checkpoint starts"): checkpointing = True
        elif s.startswith("checkpoint done"): checkpointing = False
        m = re.search(r"([\d.]+) s wall (-?[\d.]+) s CPU ([\d.]+) s queued", s)
        if not m: continue
        if s.startswith("side commit"): k = "side commit" + (" under a checkpoint" if checkpointing else " after it")
        elif s.startswith("side file transaction commit"): k = "  of which the transaction commit" + (" under a checkpoint" if checkpointing else " after it")
        elif s.startswith("side file emptied"): k = "side file checkpoint once emptied"
        elif s.startswith("checkpoint done"): k = "checkpoint"
        else: k = s.split(" ")[0]
        w, c, q = (float(m.group(i)) for i in (1, 2, 3))
        a = split.setdefault(k, [0, 0.0, 0.0, 0.0])
        a[0] += 1; a[1] += w; a[2] += c; a[3] += q
    for k, (n, w, c, q) in sorted(split.items()):
        print(f"  {k}: {n} steps, {w:.2f} s wall = {c:.2f} CPU + {q:.2f} queued for a core + {w - c - q:.2f} blocked")
    print("  " + gc.replace("phase ", ""))
