#!/usr/bin/env bash
# Runs the whole test suite, with Azurite started on 127.0.0.1 if it is not running yet.
# Extra arguments go to dotnet test (e.g. --filter SimulatedWeek).
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
scripts/with-azurite.sh dotnet test HappyTogether.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain closing line: "N passed, N failed".
awk '/(Passed|Failed)!/ { for (i = 1; i < NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1) } }
     END { printf "%d passed, %d failed\n", p, f }' FS='[ ,]+' "$log"
exit "$status"
