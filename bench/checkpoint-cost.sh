#!/usr/bin/env bash
# DuckDB checkpoint cost by cadence (see bench/checkpoint-cost/Program.cs): every 25,000 rows vs every 300,000 rows.
set -euo pipefail
cd "$(dirname "$0")/checkpoint-cost"
dotnet build -c Release -nologo -v quiet -o ../../.build/checkpoint-cost >/dev/null
for every in 25000 300000; do dotnet ../../.build/checkpoint-cost/checkpoint-cost.dll "$every"; done
