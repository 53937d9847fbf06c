#!/usr/bin/env bash
# NetWatch's main job on the embedded default: builds the CLI and imports the shipped sample logs into the
# embedded store under ./data/store, attributing each request to a person (sample directory, devices, DHCP,
# RADIUS and logon feeds), classifying it (UT1 lists, search terms, safeguarding phrases) and judging it
# against a school's policy; then prints what the store holds.
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
  samples/logs/*.log
netwatch summary --store data/store
echo
echo "Next: dotnet .build/netwatch/netwatch.dll export --store data/store --user j.smith | head"
echo "Follow logs live: dotnet .build/netwatch/netwatch.dll run [--config FILE]   (Ctrl+C stops it; see README)"
