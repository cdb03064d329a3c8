#!/usr/bin/env bash
# Patient registry benchmark: the published service (Release) on a throwaway PostgreSQL 15 holding PATIENTS patients,
# driven by autocannon with CONNECTIONS clients, next to pgbench's raw single-row insert and primary-key select on
# the same server, once per PostgreSQL setting in SETTINGS ("fsync-off durable": the test settings, then fsync and
# synchronous_commit on). Writes docs/performance.md. Usage: bench/patients.sh (PATIENTS, CONNECTIONS, DURATION, WARMUP, REPS, SETTINGS).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh

export PATIENTS="${PATIENTS:-1000000}" CONNECTIONS="${CONNECTIONS:-16}" DURATION="${DURATION:-20}" WARMUP="${WARMUP:-60}" REPS="${REPS:-3}"
PORT="${PORT:-5191}"
SETTINGS="${SETTINGS:-fsync-off durable}"
PASSWORD="Bench-Operator-Passphrase-$RANDOM-$RANDOM"
OUT="$(mktemp -d)"
chmod 755 "$OUT"

(cd bench && npm install --silent --no-audit --no-fund >/dev/null)
dotnet publish src/HealthCore -c Release -o "$OUT/app" --nologo -v q >/dev/null

SERVICE_PID=""
stop_service() {
  if [ -n "$SERVICE_PID" ]; then kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; fi
  SERVICE_PID=""
}
cleanup() {
  stop_service
  stop_postgres
  rm -rf "$OUT"
}
trap cleanup EXIT

run_setting() {
  local setting="$1"
  if [ "$setting" = durable ]; then export PG_DURABLE=1; else export PG_DURABLE=0; fi
  start_postgres

  psql_bench() { as_pg_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d healthcore_bench -v ON_ERROR_STOP=1 -qAt "$@"; }
  as_pg_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE healthcore_bench" >/dev/null
  CONNECTION="$(echo "$HEALTHCORE_TEST_POSTGRES" | sed 's/Database=postgres/Database=healthcore_bench/')"

  echo "[$setting] starting the service" >&2
  (cd "$OUT/app" && ASPNETCORE_ENVIRONMENT=Staging \
    Database__Provider=Postgres Database__ConnectionString="$CONNECTION;Maximum Pool Size=64" Database__MigrateOnStartup=true \
    Bootstrap__AdminPassword="$PASSWORD" Auth__AccessTokenLifetime=04:00:00 \
    Http__RateLimit__PermitLimit=1000000000 Logging__LogLevel__Default=Warning \
    exec dotnet HealthCore.dll --urls "http://127.0.0.1:$PORT" >"$OUT/service.log" 2>&1) &
  SERVICE_PID=$!
  TOKEN=""
  for _ in $(seq 1 120); do
    TOKEN="$(curl -sf -H 'Content-Type: application/json' -d "{\"tenant\":\"demo\",\"username\":\"admin\",\"password\":\"$PASSWORD\"}" \
      "http://127.0.0.1:$PORT/api/v1/auth/login" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{process.stdout.write(JSON.parse(s).accessToken)}catch{}})')" || true
    [ -n "$TOKEN" ] && break
    sleep 1
  done
  [ -n "$TOKEN" ] || { cat "$OUT/service.log" >&2; exit 1; }
  export TOKEN BASE_URL="http://127.0.0.1:$PORT"

  echo "loading $PATIENTS patients" >&2
  TEMPLATE="$(node bench/patients-load.js template)"
  load_started=$(date +%s)
  psql_bench -v template="$TEMPLATE" -v n="$PATIENTS" -f bench/patients-bulk.sql
  echo "loaded in $(( $(date +%s) - load_started )) s" >&2
  psql_bench -f bench/pgbench-setup.sql
  psql_bench -v template="$TEMPLATE" -f bench/pgbench-insert-script.sql > "$OUT/pgbench-insert.sql"
  psql_bench -c "SELECT id FROM patients.patients ORDER BY random() LIMIT 10000" > "$OUT/ids.txt"
  psql_bench -c "SELECT family_key FROM patients.patients ORDER BY random() LIMIT 2000" > "$OUT/families.txt"
  export IDS_FILE="$OUT/ids.txt" FAMILIES_FILE="$OUT/families.txt"

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
