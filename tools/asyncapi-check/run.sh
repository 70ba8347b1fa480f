#!/usr/bin/env bash
# Checks the event contract (docs/events/asyncapi.yaml) with the official AsyncAPI parser: check.mjs says how.
# Run by registry-service's verify phase (exec-maven-plugin). Installs the parser exactly as package-lock.json pins it
# (npm ci, no install scripts) only when node_modules is missing or older than the lock, so later runs are offline.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "asyncapi-check: needs Node.js 18.18+ and npm: apt-get install -y nodejs npm (./test.sh does it)" >&2
  exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error
fi
exec node check.mjs "${1:-../../docs/events/asyncapi.yaml}"
