#!/usr/bin/env bash
# NetWatch's main job on the embedded default: builds the CLI, runs the service on its embedded default
# configuration once (`netwatch run --once`: the shipped sample logs replayed into the store under ./data/store,
# then it exits), and prints what the store now holds. Run it again: the committed positions make it read nothing twice.
set -euo pipefail
cd "$(dirname "$0")"
command -v dotnet >/dev/null || { echo "the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
dotnet build src/NetWatch.Cli -c Release -nologo -v quiet -o .build/netwatch
netwatch() { dotnet .build/netwatch/netwatch.dll "$@"; }
netwatch run --once
netwatch summary --store data/store
echo
echo "Try: dotnet .build/netwatch/netwatch.dll export --store data/store --user j.smith | head"
echo "Follow logs live: dotnet .build/netwatch/netwatch.dll run [--config FILE]   (Ctrl+C stops it; see README)"
