#!/usr/bin/env bash
# Laboratory benchmark: the published service (Release) on a throwaway PostgreSQL 15; bench/laboratory.js sets up a
# 20-analyte panel, 5,000 open laboratory orders and 1,500 received panel orders through the API, then measures
# entering and verifying the panel's results and reading the worklist with CONNECTIONS clients.
# Prints a Markdown table; copy it into docs/benchmarks.md with the date and machine.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
source bench/patients-service.sh

export CONNECTIONS="${CONNECTIONS:-16}" DURATION="${DURATION:-20}"
PORT="${PORT:-$(free_port)}"

prepare_bench

start_postgres
start_bench_service laboratory
echo "setting up the laboratory through the API and measuring the service" >&2
# laboratory.js waits for the outbox to bring every placed order into the laboratory before it measures the worklist.
count_sql="SELECT count(*) FROM laboratory.lab_requests"
if [ "$(id -u)" = 0 ]; then owner="runuser -u postgres --"; else owner=""; fi
export REQUESTS_COUNT="$owner $PG_BIN/psql -h 127.0.0.1 -p $PG_PORT -U postgres -d healthcore_bench -qAt -c \"$count_sql\""
node bench/laboratory.js >"$OUT/service.jsonl"
echo "worklist: $(psql_bench -c "SELECT count(*) FROM laboratory.lab_requests WHERE status NOT IN ('Reported', 'Cancelled')") open requests" >&2

echo "| scenario | requests/s | p50 ms | p95 ms | p99 ms | outcomes |"
echo "|---|---|---|---|---|---|"
node -e '
  require("fs").readFileSync(0, "utf8").trim().split("\n").forEach((line) => {
    const r = JSON.parse(line);
    const outcomes = Object.entries(r.outcomes).sort().map(([k, v]) => `${k}: ${v}`).join("; ");
    console.log(`| ${r.scenario} | ${r.requestsPerSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${outcomes}${r.errors ? `; errors: ${r.errors}` : ""} |`);
  });' <"$OUT/service.jsonl"
