#!/usr/bin/env python3
"""Compares squidGuard's and netwatch's first-match decisions line by line and explains each difference.

argv: DBDIR "CAT CAT ..." (squidGuard's pass order) urls.txt sg-out.txt nw-out.txt
squidGuard answers the first category of its `pass` list that matches; netwatch lists all categories, so its
decision is the first of those in the same order.
"""
import os, re, sys
from collections import Counter, defaultdict
from urllib.parse import urlsplit

db, cats, urls_f, sg_f, nw_f = sys.argv[1], sys.argv[2].split(), *sys.argv[3:6]
order = {c: i for i, c in enumerate(cats)}

def first(categories):
    known = [c for c in categories if c in order]
    return min(known, key=order.get) if known else ""

sg_dec, nw_dec, urls = [], [], []
with open(urls_f, encoding="utf-8", errors="surrogateescape") as u, open(sg_f, encoding="utf-8", errors="surrogateescape") as s, \
        open(nw_f, encoding="utf-8", errors="surrogateescape") as n:
    for url, sg, nw in zip(u, s, n):
        urls.append(url.rstrip("\n"))
        m = re.search(r"cat=([^&\"\s]+)", sg)
        sg_dec.append(m.group(1) if sg.startswith("OK") and m else "")
        nw_dec.append(first(nw.rstrip("\n").split("\t", 1)[1].split(",") if "\t" in nw else []))

lists = {}
def entries(cat, kind):
    key = (cat, kind)
    if key not in lists:
        path = os.path.join(db, cat, kind)
        lists[key] = set(l.strip() for l in open(path, encoding="utf-8", errors="replace")) if os.path.exists(path) else set()
    return lists[key]

def host_path(url):
    if "://" not in url:
        return url.rsplit(":", 1)[0].lower().rstrip("."), ""
    try:
        p = urlsplit(url)
        return (p.hostname or "").rstrip("."), (p.path or "/") + ("?" + p.query if p.query else "")
    except ValueError:
        return "", ""

def reason(url, sg, nw):
    host, path = host_path(url)
    labels = host.split(".")
    suffixes = {".".join(labels[i:]) for i in range(len(labels))}
    if any(ord(ch) > 127 or 0xDC80 <= ord(ch) <= 0xDCFF for ch in url):
        return "URL with invalid UTF-8 / non-ASCII bytes: the two tools decode it differently"
    if sg and not (suffixes & entries(sg, "domains")):
        d = entries(sg, "domains")
        if any(host.endswith(e) for e in d if len(e) < len(host)):
            return f"squidGuard error: a {sg} domain entry matched inside a label (no label boundary)"
        u = entries(sg, "urls")
        stripped = re.sub(r"^(www\d*|web\d*|ftp)\.", "", host)
        for e in u:
            if (stripped + path).startswith(e) or (host + path).startswith(e):
                rest = (stripped + path)[len(e):] if (stripped + path).startswith(e) else (host + path)[len(e):]
                if rest and rest[0] not in "/?&;" and not e.endswith("/"):
                    return f"squidGuard error: a {sg} url entry matched as a plain prefix (no path-segment boundary)"
    if "//" in path and nw and not sg:
        return "squidGuard error: a '//' in the path defeats its url-list match although the entry equals the URL"
    if nw and ("www." + host) in entries(nw, "domains"):
        return "netwatch: a 'www.' entry also covers the bare host"
    if nw and sg and nw != sg:
        return f"different first category ({sg} vs {nw})"
    return "other"

diffs = [(u, s, n) for u, s, n in zip(urls, sg_dec, nw_dec) if s != n]
by_reason = defaultdict(list)
for u, s, n in diffs:
    by_reason[reason(u, s, n)].append((u, s, n))
print(f"compared {len(urls)} decisions; squidGuard blocked {sum(1 for s in sg_dec if s)}, netwatch {sum(1 for n in nw_dec if n)}; "
      f"identical {len(urls) - len(diffs)}, different {len(diffs)}")
for r, items in sorted(by_reason.items(), key=lambda kv: -len(kv[1])):
    print(f"  {len(items):7d}  {r}")
    for u, s, n in items[:3]:
        print(f"             e.g. {u[:100]}  squidGuard={s or 'pass'} netwatch={n or 'pass'}")
print("first-match categories, squidGuard:", dict(Counter(s for s in sg_dec if s).most_common(6)))
print("first-match categories, netwatch:  ", dict(Counter(n for n in nw_dec if n).most_common(6)))
