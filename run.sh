#!/usr/bin/env bash
# NetWatch's main job on the embedded default: builds the CLI and imports a sample school day (a Squid log of
# Tuesday 24 November 2026, 07:30-18:00, samples/day/) into the embedded store under ./data/store, attributing
# each request to a person (sample directory, devices, DHCP, RADIUS and logon feeds), classifying it (UT1 lists,
# search terms, safeguarding phrases) and judging it against a school's policy; prints what the store holds; then
# starts the live service on it with the web app (http://127.0.0.1:5080), first accounts made for the reader.
# The corpus logs in samples/logs/ hold the same few minutes in eight formats, so they are not added to the day.
set -euo pipefail
cd "$(dirname "$0")"
command -v dotnet >/dev/null || { echo "the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
# A publish, not a build: ReadyToRun code (src/NetWatch.Cli/NetWatch.Cli.csproj), checked by the publish itself.
dotnet publish src/NetWatch.Cli -c Release -nologo -v quiet -o .build/netwatch
netwatch() { dotnet .build/netwatch/netwatch.dll "$@"; }
a=samples/attribution
netwatch import --store data/store \
  --directory $a/directory.csv --devices $a/devices.csv \
  --leases $a/dhcpd.leases --leases $a/dhcpd-syslog.log --leases $a/DhcpSrvLog-Sun.log \
  --leases $a/radacct-detail-20261122 --leases $a/logons-nxlog.json \
  --lists data/ut1 --lists data/lists/school-example \
  --policy policies/000-local-authority.yaml --school "Southover Academy" \
  samples/day/squid-2026-11-24.log
netwatch summary --store data/store
echo
echo "Next: dotnet .build/netwatch/netwatch.dll visits --store data/store --policy policies/000-local-authority.yaml --user j.smith"
echo "      dotnet .build/netwatch/netwatch.dll export --store data/store --user y9.khan | head"

# The web app on the sample data: one account per role the first time (a password generated here, shown once and
# kept in data/first-password.txt), then the live service with the pages, the API, /metrics and /healthz.
if ! netwatch users list --store data/store | grep '^dsl[[:space:]]' >/dev/null; then
  password=$(head -c 30 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
  for account in dsl:dsl slt:slt auditor:auditor ict:ict-admin; do
    echo "$password" | netwatch users add "${account%%:*}" --role "${account#*:}" --store data/store --password-stdin >/dev/null
  done
  (umask 077; echo "$password" > data/first-password.txt)
fi
cat > .build/netwatch.yaml <<YAML
store: data/store
school: Southover Academy
api: { bind: 127.0.0.1, port: 5080 }
enrich:
  lists: [data/ut1, data/lists/school-example]
  policy: policies/000-local-authority.yaml
  attribution:
    directory: $a/directory.csv
    devices: $a/devices.csv
    leases: [$a/dhcpd.leases, $a/dhcpd-syslog.log, $a/DhcpSrvLog-Sun.log, $a/radacct-detail-20261122, $a/logons-nxlog.json]
sources:
  - { name: sample-day, type: file, path: samples/day/squid-2026-11-24.log }
YAML
echo
echo "NetWatch is starting: open http://127.0.0.1:5080 and sign in as dsl, slt, auditor or ict"
echo "with the password in data/first-password.txt ($(cat data/first-password.txt)). Ctrl+C stops it."
exec dotnet .build/netwatch/netwatch.dll run --config .build/netwatch.yaml
