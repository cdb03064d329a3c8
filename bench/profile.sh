#!/usr/bin/env bash
# Where the time goes: each patient scenario of bench/patients-load.js run alone for DURATION seconds against the
# published service on PATIENTS patients, with a sampled thread-time trace of the service (dotnet-trace) and
# PostgreSQL's per-statement times (pg_stat_statements) taken during the run. Writes docs/profile.md.
# Usage: bench/profile.sh (PATIENTS, CONNECTIONS, DURATION, WARMUP, SCENARIOS, PG_DURABLE).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
source bench/patients-service.sh

export PATIENTS="${PATIENTS:-1000000}" CONNECTIONS="${CONNECTIONS:-16}" DURATION="${DURATION:-15}" WARMUP="${WARMUP:-30}"
SCENARIOS="${SCENARIOS:-register patient|register patient, new names|read patient by id|search with one typo}"
PORT="${PORT:-$(free_port)}"
TRACE_VERSION=10.0.750501
export PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top"

prepare_bench
dotnet tool install --tool-path "$OUT/tools" dotnet-trace --version "$TRACE_VERSION" >/dev/null

start_postgres
start_bench_service "durable: ${PG_DURABLE:-0}"
load_bench_patients
psql_bench -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
echo "warming up for $WARMUP s" >&2
node bench/patients-load.js warmup

IFS='|' read -ra scenarios <<<"$SCENARIOS"
for index in "${!scenarios[@]}"; do
  scenario="${scenarios[$index]}"
  echo "profiling: $scenario" >&2
  psql_bench -c "SELECT pg_stat_statements_reset()" >/dev/null
  "$OUT/tools/dotnet-trace" collect -p "$SERVICE_PID" --profile dotnet-sampled-thread-time --duration "00:00:00:$DURATION" \
    --format Speedscope -o "$OUT/trace-$index.nettrace" >/dev/null 2>&1 &
  trace=$!
  SCENARIO="$scenario" node bench/patients-load.js only >"$OUT/run-$index.json"
  wait "$trace"
  psql_bench -F $'\t' -c "SELECT calls, total_exec_time, regexp_replace(query, '\s+', ' ', 'g') FROM pg_stat_statements
    WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time DESC LIMIT 8" >"$OUT/statements-$index.tsv"
done

node bench/profile-report.js "$OUT" "${#scenarios[@]}" "$PATIENTS" > "$OUT/profile.md"
mv "$OUT/profile.md" docs/profile.md
echo "wrote docs/profile.md" >&2
