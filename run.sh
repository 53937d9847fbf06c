#!/usr/bin/env bash
# NetWatch's main job on the embedded default: builds the CLI and imports a sample school day (a Squid log of
# Tuesday 24 November 2026, 07:30-18:00, samples/day/) into the embedded store under ./data/store, attributing
# each request to a person (sample directory, devices, DHCP, RADIUS and logon feeds), classifying it (UT1 lists,
# search terms, safeguarding phrases) and judging it against a school's policy; then prints what the store holds.
# The corpus logs in samples/logs/ hold the same few minutes in eight formats, so they are not added to the day.
set -euo pipefail
cd "$(dirname "$0")"
command -v dotnet >/dev/null || { echo "the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
dotnet build src/NetWatch.Cli -c Release -nologo -v quiet -o .build/netwatch
netwatch() { dotnet .build/netwatch/netwatch.dll "$@"; }
a=samples/attribution
netwatch import --store data/store \
  --directory $a/directory.csv --devices $a/devices.csv \
  --leases $a/dhcpd.leases --leases $a/dhcpd-syslog.log --leases $a/DhcpSrvLog-Sun.log \
  --leases $a/radacct-detail-20261122 --leases $a/logons-nxlog.json \
  --lists data/ut1 --lists data/lists/school-example \
  --policy policies/000-local-authority.yaml \
  samples/day/squid-2026-11-24.log
netwatch summary --store data/store
echo
echo "Next: dotnet .build/netwatch/netwatch.dll visits --store data/store --policy policies/000-local-authority.yaml --user j.smith"
echo "      dotnet .build/netwatch/netwatch.dll export --store data/store --user y9.khan | head"
echo "Follow logs live: dotnet .build/netwatch/netwatch.dll run [--config FILE]   (Ctrl+C stops it; see README)"
