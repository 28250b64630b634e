#!/usr/bin/env bash
# Measures "Weekly recap now" from a fresh --demo start: N times (default 10), each a new local host
# with its own table prefix and the dev clock at Monday 2027-01-04 15:00 UTC, timing POST /dev/run/recap.
#   ./scripts/recap-now-timing.sh 10
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
dotnet build functions/HappyTogether.LocalHost --nologo -v quiet >/dev/null || exit 1

measure() {
  local port=7185 times=()
  for i in $(seq 1 "$runs"); do
    local prefix="timing${i}x$$"
    TablePrefix=$prefix OutboundQueue="$prefix-outbound" dotnet functions/HappyTogether.LocalHost/bin/Debug/net10.0/HappyTogether.LocalHost.dll \
      --dev-clock --start 2027-01-04T15:00:00Z --demo --port "$port" >/dev/null 2>&1 &
    local host=$!
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/dev/state" | grep -q '"partners":\[{' && break; sleep 0.5; done
    local t
    t=$(curl -s -o /dev/null -w "%{time_total}" -X POST "http://127.0.0.1:$port/dev/run/recap")
    times+=("$t"); echo "run $i: $t s"
    kill "$host" 2>/dev/null; wait "$host" 2>/dev/null
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "Weekly recap now, %d fresh starts: median %.2f s, min %.2f s, max %.2f s\n", NR, a[int((NR + 1) / 2)], a[1], a[NR] }'
}
export -f measure; export runs
scripts/with-azurite.sh bash -c measure
