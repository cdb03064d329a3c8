#!/usr/bin/env bash
# The whole test suite on PostgreSQL and SQLite. Starts a throwaway PostgreSQL 15 unless HEALTHCORE_TEST_POSTGRES
# is set, always stops it, and ends with one line: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh

# The contract checks (tests/HealthCore.Tests/Platform/OpenApi/ContractToolTests) run the node tools pinned in
# tools/contract/package-lock.json.
if ! command -v npm >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
fi
npm ci --prefix tools/contract --no-audit --no-fund --loglevel=error >/dev/null

if [ -z "${HEALTHCORE_TEST_POSTGRES:-}" ]; then
  start_postgres
  trap stop_postgres EXIT
fi

RESULTS=".artifacts/test-results"
rm -rf "$RESULTS"
status=0
dotnet test HealthCore.slnx --configuration Release \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
  --results-directory "$RESULTS" "$@" || status=$?

# Stop the server before the summary so the summary is the run's last line.
stop_postgres
trap - EXIT

counter() { grep -o "$1=\"[0-9]*\"" "$2" | head -1 | grep -o '[0-9]*' || echo 0; }
passed=0; failed=0; skipped=0; found=0
for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  found=1
  total=$(counter total "$trx"); executed=$(counter executed "$trx")
  passed=$((passed + $(counter passed "$trx")))
  failed=$((failed + $(counter failed "$trx")))
  skipped=$((skipped + total - executed))
done
if [ "$found" = 0 ]; then
  echo "no test results were written" >&2
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$failed" -gt 0 ]; then status=1; fi
exit "$status"
