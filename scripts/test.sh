#!/usr/bin/env bash
# README command two: the whole test suite (.NET tests and the browser test of the simulator page),
# with Azurite started on 127.0.0.1 when it is not running yet. Extra arguments go to dotnet test.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x node_modules/.bin/azurite ] && [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund
mkdir -p artifacts
exec scripts/with-azurite.sh scripts/test-suite.sh "$@"
