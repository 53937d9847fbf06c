#!/usr/bin/env bash
# Does a running DuckDB checkpoint hold up the alerts' fast lane? (see bench/fastlane-checkpoint/Program.cs)
set -euo pipefail
cd "$(dirname "$0")/fastlane-checkpoint"
dotnet build -c Release -nologo -v quiet -o ../../.build/fastlane-checkpoint >/dev/null
dotnet ../../.build/fastlane-checkpoint/fastlane-checkpoint.dll
