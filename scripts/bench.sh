#!/usr/bin/env bash
# Runs the benchmarks (Release build) against Azurite on 127.0.0.1, starting it if needed.
# Arguments: scenario names (default: all) and --out DIR (default artifacts/benchmarks).
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/with-azurite.sh dotnet run -c Release --project tests/HappyTogether.Benchmarks -- "$@"
