#!/usr/bin/env bash
# Runs the browser test N times in a row (default 10), each against a fresh local host with its own
# table prefix, and reports how many passed: a flaky end-to-end test shows up here, not in CI.
#   ./scripts/e2e-loop.sh 10
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
[ -x node_modules/.bin/azurite ] && [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund
dotnet build functions/HappyTogether.LocalHost --nologo -v quiet >/dev/null || exit 1
mkdir -p artifacts

loop() {
  local passed=0 port=7183
  for i in $(seq 1 "$runs"); do
    local prefix="loop${i}x$$" log="artifacts/e2e-loop-host-$i.log"
    # From its dll (not `dotnet run`), so that stopping this pid stops the host and frees the port.
    TablePrefix=$prefix OutboundQueue="$prefix-outbound" dotnet functions/HappyTogether.LocalHost/bin/Debug/net10.0/HappyTogether.LocalHost.dll \
      --dev-clock --start 2027-01-04T15:00:00Z --demo --port "$port" >"$log" 2>&1 &
    local host=$!
    for _ in $(seq 1 120); do
      curl -sf "http://127.0.0.1:$port/dev/state" | grep -q '"partners":\[{' && break
      kill -0 "$host" 2>/dev/null || break
      sleep 0.5
    done
    local start=$SECONDS
    if ! kill -0 "$host" 2>/dev/null; then
      echo "run $i: FAILED (the local host did not start; see $log)"
    elif HAPPYTOGETHER_URL="http://127.0.0.1:$port" SCREENSHOT="artifacts/simulator-loop.png" node --test tests/e2e/ >"artifacts/e2e-loop-$i.txt" 2>&1; then
      passed=$((passed + 1)); echo "run $i: passed ($((SECONDS - start)) s)"; rm -f "$log" "artifacts/e2e-loop-$i.txt"
    else
      echo "run $i: FAILED (see artifacts/e2e-loop-$i.txt and $log)"
    fi
    kill "$host" 2>/dev/null; wait "$host" 2>/dev/null
  done
  echo "Browser test: $passed/$runs passed in a row."
  [ "$passed" -eq "$runs" ]
}
export -f loop; export runs
scripts/with-azurite.sh bash -c loop
