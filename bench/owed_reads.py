#!/usr/bin/env python3
"""Reads that meet owed hours (bench/owed-reads.sh): through the API of a service on a store whose live roll-ups may be
owed (rollup_pending; then those hours are answered from the events), a few dashboard reads over the day the store's
events lie in, each timed --rounds times after --warmup, p50/max in ms. The DSL's trust-wide token: every school's pairs
meet the question. Uses bench/search_10m.py's client."""
import argparse, json, statistics
from search_10m import Client, load


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--url", required=True)
    a.add_argument("--token", required=True)
    a.add_argument("--day", required=True, help="the UTC day the events lie in, e.g. 2026-12-07")
    a.add_argument("--rounds", type=int, default=10)
    a.add_argument("--warmup", type=int, default=2)
    args = a.parse_args()
    dsl = Client(args.url, args.token)
    day = {"from": args.day + "T00:00:00Z", "to": args.day + "T23:59:59Z"}
    _, body = dsl.get("/api/aggregates", by="person", top="5", **day)
    busiest = next(r["key"] for r in json.loads(body)["rows"] if r.get("key") and r["key"] != "(none)")
    measures = {
        "aggregates: the day by hour": lambda: dsl.get("/api/aggregates", bucket="hour", **day)[0],
        "aggregates: the day's top 10 domains": lambda: dsl.get("/api/aggregates", by="domain", top="10", **day)[0],
        "aggregates: the day by verdict": lambda: dsl.get("/api/aggregates", by="verdict", **day)[0],
        f"events: busiest person ({busiest}), first page (100)": lambda: dsl.get("/api/events", person=busiest, page_size="100", **day)[0],
    }
    times = {name: [] for name in measures}
    print(f"load before: {load()}")
    for r in range(args.warmup + args.rounds):
        for name, run in measures.items():
            ms = run()
            if r >= args.warmup: times[name].append(ms)
    print(f"load after: {load()}")
    for name, values in times.items():
        print(f"{name:<60} p50 {statistics.median(values):8.1f} max {max(values):8.1f} ms ({args.rounds} rounds)")


if __name__ == "__main__":
    main()
