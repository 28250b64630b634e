#!/usr/bin/env bash
# Runs the benchmarks against Azurite on 127.0.0.1, starting it if needed (Release; a quick run uses the Debug build).
# Arguments: scenario names (default: all), --couples N, --quick (every scenario small, a smoke run)
# and --out DIR (default artifacts/benchmarks).
set -euo pipefail
cd "$(dirname "$0")/.."
# A quick smoke run reuses the Debug build the tests made; figures to compare come from Release.
configuration=Release
for arg in "$@"; do [ "$arg" = "--quick" ] && configuration=Debug; done
exec scripts/with-azurite.sh dotnet run -c "$configuration" --project tests/HappyTogether.Benchmarks -- "$@"
