#!/usr/bin/env bash
# README command one: installs the pinned tools, starts Azurite on 127.0.0.1, and runs the local
# development host on http://127.0.0.1:7071 with a dev clock and a demo couple enrolled and opted in.
# Ctrl-C stops the host and the Azurite it started. Extra arguments go to the host (e.g. --port 7072).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
exec scripts/with-azurite.sh dotnet run --project functions/HappyTogether.LocalHost -- --dev-clock --demo "$@"
