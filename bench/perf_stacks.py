#!/usr/bin/env python3
"""perf script -F comm,tid,time,ip,sym,dso output (stdin) -> one JSON line per sample: comm, tid, time, frames [sym, dso]
innermost first. Feeds bench/perf_store_split.py (bench/results/commit-2026-12-05-session28.txt for the recipe)."""
import sys, json, re
cur = None
def flush():
    if cur: print(json.dumps(cur))
for line in sys.stdin:
    line = line.rstrip('\n')
    if not line.strip():
        flush(); cur = None; continue
    if not line.startswith('\t') and not line.startswith(' '):
        flush()
        m = re.match(r'^(.*?)\s+(\d+)\s+([\d.]+):?\s*$', line)
        if m: cur = {'comm': m.group(1).strip(), 'tid': int(m.group(2)), 't': float(m.group(3)), 'f': []}
        else: cur = {'comm': line, 'tid': 0, 't': 0, 'f': []}
        continue
    m = re.match(r'^\s*([0-9a-f]+)\s+(.*?)\s+\((.*)\)\s*$', line)
    if m and cur is not None:
        sym, dso = m.group(2), m.group(3)
        cur['f'].append([sym, dso.split('/')[-1]])
flush()
