#!/usr/bin/env bash
# Booking benchmark: the published service on a throwaway PostgreSQL 15 (and on SQLite), 64 autocannon clients booking
# across 10 hot slots and across thousands of slots (bench/booking.js), next to the raw booking transaction under pgbench
# (bench/booking-transaction.sql) in the same run; afterwards every slot is checked against its capacity.
# Prints Markdown tables; copy them into docs/benchmarks.md with the date and machine. PG_DURABLE=1 runs PostgreSQL with
# fsync and synchronous_commit on (see scripts/postgres.sh); run it once with each setting. PROFILE=1 also prints where
# the service's time goes during the PostgreSQL load (see profile_load).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
source bench/pgbench-measure.sh

DURATION="${DURATION:-15}"
CONNECTIONS="${CONNECTIONS:-64}"
PORT="${PORT:-$(free_port)}"
PROVIDERS="${PROVIDERS:-Postgres Sqlite}"
OUT="$(mktemp -d)"
chmod 755 "$OUT"
PASSWORD="Bench-Operator-Passphrase-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"

(cd bench && npm install --silent --no-audit --no-fund >/dev/null)
dotnet publish src/HealthCore -c Release -o "$OUT/app" --nologo -v q >/dev/null
openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt >"$OUT/signing.pem"
openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt >"$OUT/checkpoint.pem"

start_postgres
SERVICE_PID=""
cleanup() {
  [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null || true
  stop_postgres
  rm -rf "$OUT"
}
trap cleanup EXIT

key() { head -c 32 /dev/urandom | base64; }
run_service() {
  local provider="$1" connection="$2"
  ASPNETCORE_ENVIRONMENT=Production \
  Database__Provider="$provider" Database__ConnectionString="$connection" Database__MigrateOnStartup=true \
  Secrets__CursorSigning="$(key)" Secrets__PatientIdentifierIndex="$(key)" \
  Patients__IdentifierKeys__0__Id=bench Patients__IdentifierKeys__0__Key="$(key)" \
  Auth__SigningKeys__0__Id=bench Auth__SigningKeys__0__PrivateKeyPem="$(cat "$OUT/signing.pem")" \
  Audit__CheckpointKeys__0__Id=bench Audit__CheckpointKeys__0__PrivateKeyPem="$(cat "$OUT/checkpoint.pem")" \
  Bootstrap__AdminPassword="$PASSWORD" Http__RateLimit__PermitLimit=100000000 Auth__RateLimit__PermitLimit=1000 \
  Logging__LogLevel__Default=Warning \
    dotnet "$OUT/app/HealthCore.dll" --urls "http://127.0.0.1:$PORT" >"$OUT/service.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 120); do
    if curl -sf -o /dev/null -X POST -H 'content-type: application/json' \
      -d "{\"tenant\":\"demo\",\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$PORT/api/v1/auth/login"; then
      return 0
    fi
    sleep 0.5
  done
  cat "$OUT/service.log" >&2; return 1
}

# PROFILE=1: a sampled thread-time trace of the service over both load scenarios (not the setup), summarised like
# bench/profile.sh's (bench/profile-report.js --trace) on stderr.
profile_load() {
  dotnet tool install --tool-path "$OUT/tools" dotnet-trace --version 10.0.750501 >/dev/null
  until grep -q 'LOAD STARTS' "$OUT/$provider.log" 2>/dev/null; do sleep 0.2; done
  "$OUT/tools/dotnet-trace" collect -p "$SERVICE_PID" --profile dotnet-sampled-thread-time --format Speedscope \
    --duration "00:00:00:$((DURATION * 2))" -o "$OUT/booking.nettrace" >/dev/null 2>&1
  echo "PROFILE of the service during the PostgreSQL booking load:" >&2
  node bench/profile-report.js --trace "$OUT"/booking*.speedscope.json >&2
}

# Slots whose active appointments exceed the schedule's capacity, and slot rows whose count disagrees with the appointments.
VERIFY_SQL="
WITH held AS (
  SELECT a.tenant_id, a.resource_key, a.starts_at, count(*) AS n FROM scheduling.appointments a
  WHERE a.status IN ('Offered','Booked','Confirmed','CheckedIn','InProgress','Completed','NoShow') GROUP BY 1, 2, 3)
SELECT
  (SELECT count(*) FROM held JOIN scheduling.schedules s ON s.tenant_id = held.tenant_id AND s.resource_key = held.resource_key WHERE held.n > s.capacity),
  (SELECT count(*) FROM scheduling.slot_usage WHERE booked > capacity),
  (SELECT count(*) FROM held FULL JOIN scheduling.slot_usage u USING (tenant_id, resource_key, starts_at) WHERE coalesce(held.n, 0) <> coalesce(u.booked, 0)),
  (SELECT count(*) FROM held)"
psql_bench() { as_pg_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d healthcore_bench -qAtF ' ' "$@"; }

echo "| database | scenario | requests/s | booked/s | p50 ms | p95 ms | p99 ms | outcomes |"
echo "|---|---|---|---|---|---|---|---|"
for provider in $PROVIDERS; do
  if [ "$provider" = Sqlite ]; then connection="Data Source=$OUT/bench.db"; else
    connection="$(echo "$HEALTHCORE_TEST_POSTGRES" | sed 's/Database=postgres/Database=healthcore_bench/');Maximum Pool Size=100"
    as_pg_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE healthcore_bench" >/dev/null
  fi
  run_service "$provider" "$connection"
  BASE_URL="http://127.0.0.1:$PORT" ADMIN_PASSWORD="$PASSWORD" CONNECTIONS="$CONNECTIONS" DURATION="$DURATION" \
    node bench/booking.js >"$OUT/$provider.json" 2>"$OUT/$provider.log" &
  LOAD_PID=$!
  if [ "${PROFILE:-0}" = 1 ] && [ "$provider" = Postgres ]; then profile_load; fi
  wait "$LOAD_PID" || { cat "$OUT/$provider.log" >&2; exit 1; }
  node -e '
    const provider = process.argv[1];
    for (const line of require("fs").readFileSync(0, "utf8").trim().split("\n")) {
      const r = JSON.parse(line);
      const outcomes = Object.entries(r.outcomes).sort().map(([k, v]) => `${k}: ${v}`).join("; ");
      console.log(`| ${provider} | ${r.scenario} | ${r.requestsPerSecond} | ${r.bookedPerSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${outcomes}${r.errors ? `; errors: ${r.errors}` : ""} |`);
    }' "$provider" <"$OUT/$provider.json"
  kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true; SERVICE_PID=""
  if [ "$provider" = Sqlite ]; then
    sqlite3 -separator " " "$OUT/bench.db" "$(echo "$VERIFY_SQL" | sed 's/scheduling\.//g; s/FULL JOIN/LEFT JOIN/')" >"$OUT/verify-$provider"
  else
    psql_bench -c "$VERIFY_SQL" >"$OUT/verify-$provider"
  fi
  read -r over_schedule over_rows disagreeing slots <"$OUT/verify-$provider" || true
  echo "VERIFY $provider: $slots booked slots; over capacity: $over_schedule (appointments vs schedule), $over_rows (slot rows); rows disagreeing with appointments: $disagreeing" >&2
done

# The raw transaction on the same PostgreSQL, same client count, after the HTTP runs (its rows use their own tenant).
echo
echo "| pgbench (PostgreSQL) | transactions/s | p50 ms | p95 ms | p99 ms | booked |"
echo "|---|---|---|---|---|---|"
TENANT="$(cat /proc/sys/kernel/random/uuid)"
for scenario in "hot 10 10 40 pgbench-hot-" "many 10000 200 1 pgbench-many-"; do
  read -r name slots resources capacity prefix <<<"$scenario"
  measured="$(pgbench_measure "$name" bench/booking-transaction.sql -r \
    -D tenant="$TENANT" -D prefix="$prefix" -D slots="$slots" -D resources="$resources" -D capacity="$capacity")"
  read -r tps p50 p95 p99 <<<"$measured"
  booked="$(psql_bench -c "SELECT count(*) FROM scheduling.appointments WHERE tenant_id = '$TENANT' AND resource_key LIKE '$prefix%'")"
  echo "| $name: $slots slots x capacity $capacity | $tps | $p50 | $p95 | $p99 | $booked |"
done
psql_bench -c "$VERIFY_SQL" >"$OUT/verify-pgbench"
read -r _ over_rows disagreeing slots <"$OUT/verify-pgbench"
echo "VERIFY pgbench + HTTP on PostgreSQL: $slots booked slots; slot rows over capacity: $over_rows; rows disagreeing with appointments: $disagreeing" >&2
