#!/usr/bin/env bash
# NetWatch's main job on the embedded default: builds the CLI, imports the shipped sample logs into the
# embedded store under ./data/store, and prints what the store now holds.
set -euo pipefail
cd "$(dirname "$0")"
command -v dotnet >/dev/null || { echo "the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
dotnet build src/NetWatch.Cli -c Release -nologo -v quiet -o .build/netwatch
netwatch() { dotnet .build/netwatch/netwatch.dll "$@"; }
netwatch import --store data/store samples/logs/*.log
netwatch summary --store data/store
echo
echo "Try: dotnet .build/netwatch/netwatch.dll export --store data/store --user j.smith | head"
