#!/usr/bin/env bash
# Runs a command with Azurite listening on 127.0.0.1. Starts it (installed from the pinned npm lock
# file) only when nothing answers there yet, and stops what it started when the command ends.
set -euo pipefail
cd "$(dirname "$0")/.."

azurite_up() { (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/10001) 2>/dev/null; }

if ! azurite_up; then
  [ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
  data=$(mktemp -d)
  # In memory (nothing is kept across runs; the folder holds only its log) and without Azurite's
  # own telemetry, which would call out of the machine.
  node_modules/.bin/azurite --silent --inMemoryPersistence --disableTelemetry --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >"$data/azurite.log" 2>&1 &
  azurite_pid=$!
  trap 'kill "$azurite_pid" 2>/dev/null || true; wait "$azurite_pid" 2>/dev/null || true; rm -rf "$data"' EXIT
  for _ in $(seq 1 60); do azurite_up && break; sleep 0.5; done
  azurite_up || { echo "Azurite did not start:" >&2; cat "$data/azurite.log" >&2; exit 1; }
  echo "Started Azurite on 127.0.0.1 (blob 10000, queue 10001, table 10002)."
fi

"$@"
