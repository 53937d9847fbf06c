#!/usr/bin/env python3
"""Times the service's reads on a large store through its HTTP API (issue 14) and the web app's pages (issue 16),
as bench/search-10m.sh starts it: each measure repeated --rounds times after --warmup rounds, measures interleaved
round by round (so a burst of load on the shared machine hits them all alike), p50/p95/max in milliseconds.

API measures (bearer tokens): a person's first page of events over 30 days (a typical person and the busiest one),
"who visited this domain" over 30 days (the busiest registered domain and a middling one), and the SLT's weekly
aggregates. Pages (a cookie session, as a browser): the SLT weekly dashboard and the auditor's first results page,
timed to the last byte of the server-rendered HTML (the data is in it: no call follows) plus, fetched in parallel
as a browser would, the page's stylesheet and scripts (cached by a browser after the first visit; reported apart).
Only the standard library."""
import argparse, concurrent.futures, http.cookiejar, json, re, statistics, sys, time, urllib.parse, urllib.request


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]


class Client:
    def __init__(self, base, token=None):
        self.base, self.token = base, token
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path, **params):
        url = self.base + path + ("?" + urllib.parse.urlencode(params) if params else "")
        request = urllib.request.Request(url)
        if self.token: request.add_header("Authorization", "Bearer " + self.token)
        start = time.perf_counter()
        with self.opener.open(request) as response:
            body = response.read()
        return (time.perf_counter() - start) * 1000, body

    def sign_in(self, name, password):
        request = urllib.request.Request(self.base + "/api/session", data=json.dumps({"name": name, "password": password}).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
        with self.opener.open(request) as response:
            response.read()


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--url", required=True)
    a.add_argument("--dsl-token", required=True)
    a.add_argument("--slt-token", required=True)
    a.add_argument("--slt-name", required=True)
    a.add_argument("--auditor-name", required=True)
    a.add_argument("--password", required=True)
    a.add_argument("--school", required=True)
    a.add_argument("--to", required=True, help="end of the 30 days (exclusive), e.g. 2026-11-28T00:00:00Z")
    a.add_argument("--week", required=True, help="the SLT week's Monday, e.g. 2026-11-23")
    a.add_argument("--rounds", type=int, default=20)
    a.add_argument("--warmup", type=int, default=3)
    args = a.parse_args()

    dsl, slt = Client(args.url, args.dsl_token), Client(args.url, args.slt_token)
    slt_page, auditor_page = Client(args.url), Client(args.url)
    slt_page.sign_in(args.slt_name, args.password)
    auditor_page.sign_in(args.auditor_name, args.password)

    to = args.to
    t = time.strptime(to, "%Y-%m-%dT%H:%M:%SZ")
    from_ = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.mktime(t) - time.timezone - 30 * 86400))
    week_from = args.week + "T00:00:00Z"
    week_to = time.strftime("%Y-%m-%dT00:00:00Z", time.gmtime(time.mktime(time.strptime(args.week, "%Y-%m-%d")) - time.timezone + 7 * 86400))

    # The people and sites to ask about, from the store itself (not timed).
    _, body = dsl.get("/api/aggregates", by="person", **{"from": from_, "to": to, "top": "10000"})
    people = [r for r in json.loads(body)["rows"] if r.get("key") and r["key"] != "(none)"]
    busiest, typical = people[0], people[len(people) // 2]
    _, body = dsl.get("/api/aggregates", by="domain", **{"from": from_, "to": to, "top": "40"})
    domains = [r for r in json.loads(body)["rows"] if r.get("key") and r["key"] != "(none)"]
    top_domain, mid_domain = domains[0], domains[len(domains) // 2]
    print(f"30 days: {from_} .. {to}; week {week_from} .. {week_to}; {len(people)} people in the 30 days")
    print(f"typical person {typical['key']} ({typical['requests']} events in 30 days), busiest {busiest['key']} ({busiest['requests']})")
    print(f"busiest domain {top_domain['key']} ({top_domain['requests']} requests), middling {mid_domain['key']} ({mid_domain['requests']})")

    days = {"from": from_, "to": to}
    week = {"from": week_from, "to": week_to, "school": args.school}
    audit_form = {"purpose": "benchmark of the auditor's first page", "person": typical["key"],
                  "from": from_[:10], "to": time.strftime("%Y-%m-%d", time.gmtime(time.mktime(t) - time.timezone - 86400)), "go": "1"}

    def page(client, path, **params):
        """The page's HTML, then its stylesheets and scripts in parallel (as a browser without a cache): both times."""
        html_ms, body = client.get(path, **params)
        assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', body)
        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(6) as pool:
            list(pool.map(lambda p: client.get(p.decode()), assets))
        return html_ms, html_ms + (time.perf_counter() - start) * 1000

    measures = {
        "api events: typical person, 30 days, first page (100)": lambda: dsl.get("/api/events", person=typical["key"], page_size="100", **days)[0],
        "api events: busiest person, 30 days, first page (100)": lambda: dsl.get("/api/events", person=busiest["key"], page_size="100", **days)[0],
        "api visitors: busiest domain, 30 days": lambda: dsl.get("/api/visitors", domain=top_domain["key"], **days)[0],
        "api visitors: middling domain, 30 days": lambda: dsl.get("/api/visitors", domain=mid_domain["key"], **days)[0],
        "api aggregates (slt): week by role, by day": lambda: slt.get("/api/aggregates", by="role", bucket="day", **week)[0],
        "api aggregates (slt): week top 10 domains": lambda: slt.get("/api/aggregates", by="domain", top="10", **week)[0],
        "api aggregates (slt): week by verdict": lambda: slt.get("/api/aggregates", by="verdict", **week)[0],
    }
    pages = {
        "page slt weekly dashboard": lambda: page(slt_page, "/slt", week=args.week, school=args.school),
        "page auditor first results (typical person, 30 days)": lambda: page(auditor_page, "/auditor", **audit_form),
    }
    times = {name: [] for name in measures}
    for name in pages: times[name + ": HTML"], times[name + ": HTML + assets"] = [], []
    print(f"load before: {load()}")
    for r in range(args.warmup + args.rounds):
        for name, run in measures.items():
            ms = run()
            if r >= args.warmup: times[name].append(ms)
        for name, run in pages.items():
            html, whole = run()
            if r >= args.warmup:
                times[name + ": HTML"].append(html)
                times[name + ": HTML + assets"].append(whole)
    print(f"load after: {load()}")
    print(f"{'measure':<70} {'p50':>8} {'p95':>8} {'max':>8}   (ms, {args.rounds} rounds after {args.warmup} warm-up)")
    for name, values in times.items():
        print(f"{name:<70} {statistics.median(values):8.1f} {percentile(values, 95):8.1f} {max(values):8.1f}")


if __name__ == "__main__":
    sys.exit(main())
