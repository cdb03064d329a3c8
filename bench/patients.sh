#!/usr/bin/env bash
# Patient registry benchmark: the published service (Release) on a throwaway PostgreSQL 15 holding PATIENTS patients,
# driven by autocannon with CONNECTIONS clients, next to pgbench's raw single-row insert and primary-key select on
# the same server, once per PostgreSQL setting in SETTINGS ("fsync-off durable": the test settings, then fsync and
# synchronous_commit on). Writes docs/performance.md. Usage: bench/patients.sh (PATIENTS, CONNECTIONS, DURATION, WARMUP, REPS, SETTINGS).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
source bench/patients-service.sh

export PATIENTS="${PATIENTS:-1000000}" CONNECTIONS="${CONNECTIONS:-16}" DURATION="${DURATION:-20}" WARMUP="${WARMUP:-60}" REPS="${REPS:-3}"
PORT="${PORT:-5191}"
SETTINGS="${SETTINGS:-fsync-off durable}"

prepare_bench

run_setting() {
  local setting="$1"
  if [ "$setting" = durable ]; then export PG_DURABLE=1; else export PG_DURABLE=0; fi
  start_postgres

  start_bench_service "$setting"
  load_bench_patients

  pgbench_run() {
    as_pg_owner "$PG_BIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c "$CONNECTIONS" -j 2 -T "$DURATION" \
      -D rows="$PATIENTS" -f "$1" healthcore_bench 2>/dev/null | awk '/^tps/ { print int($3) }'
  }

  echo "warming up for $WARMUP s" >&2
  node bench/patients-load.js warmup
  RESULTS="$OUT/results-$setting.jsonl"
  for rep in $(seq 1 "$REPS"); do
    echo "repetition $rep" >&2
    node bench/patients-load.js measure >>"$RESULTS"
    echo "{\"scenario\":\"pgbench-insert\",\"rps\":$(pgbench_run "$OUT/pgbench-insert.sql")}" >>"$RESULTS"
    echo "{\"scenario\":\"pgbench-select\",\"rps\":$(pgbench_run bench/pgbench-select.sql)}" >>"$RESULTS"
  done
  COUNT="$(psql_bench -c "SELECT count(*) FROM patients.patients")"
  stop_service
  stop_postgres
}

REPORT_ARGS=()
for setting in $SETTINGS; do
  run_setting "$setting"
  REPORT_ARGS+=("$setting=$OUT/results-$setting.jsonl")
done
node bench/patients-report.js "$COUNT" "${REPORT_ARGS[@]}" > "$OUT/performance.md"
mv "$OUT/performance.md" docs/performance.md
echo "wrote docs/performance.md" >&2
