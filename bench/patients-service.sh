# Sourced by bench/patients.sh, bench/profile.sh and bench/clinical.sh: the published service ($OUT/app) on the
# PostgreSQL that scripts/postgres.sh started, signed in as the demo admin, with PATIENTS patients bulk-loaded next to it.
# prepare_bench sets OUT and PASSWORD; the rest needs PORT (and PATIENTS for the load) and exports TOKEN, BASE_URL,
# IDS_FILE and FAMILIES_FILE.

SERVICE_PID=""
stop_service() {
  if [ -n "$SERVICE_PID" ]; then kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; fi
  SERVICE_PID=""
}

# A scratch folder ($OUT, removed on exit with the service and PostgreSQL), the load tools and the Release build.
prepare_bench() {
  PASSWORD="Bench-Operator-Passphrase-$RANDOM-$RANDOM"
  OUT="$(mktemp -d)"
  chmod 755 "$OUT"
  trap 'stop_service; stop_postgres; rm -rf "$OUT"' EXIT
  (cd bench && npm install --silent --no-audit --no-fund >/dev/null)
  dotnet publish src/HealthCore -c Release -o "$OUT/app" --nologo -v q >/dev/null
}

psql_bench() { as_pg_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d healthcore_bench -v ON_ERROR_STOP=1 -qAt "$@"; }

start_bench_service() {
  as_pg_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE healthcore_bench" >/dev/null
  CONNECTION="$(echo "$HEALTHCORE_TEST_POSTGRES" | sed 's/Database=postgres/Database=healthcore_bench/')"

  echo "[$1] starting the service" >&2
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
}

load_bench_patients() {
  echo "loading $PATIENTS patients" >&2
  TEMPLATE="$(node bench/patients-load.js template)"
  local started
  started=$(date +%s)
  psql_bench -v template="$TEMPLATE" -v n="$PATIENTS" -f bench/patients-bulk.sql
  echo "loaded in $(( $(date +%s) - started )) s" >&2
  psql_bench -f bench/pgbench-setup.sql
  psql_bench -v template="$TEMPLATE" -f bench/pgbench-insert-script.sql > "$OUT/pgbench-insert.sql"
  psql_bench -c "SELECT id FROM patients.patients ORDER BY random() LIMIT 10000" > "$OUT/ids.txt"
  psql_bench -c "SELECT family_key FROM patients.patients ORDER BY random() LIMIT 2000" > "$OUT/families.txt"
  export IDS_FILE="$OUT/ids.txt" FAMILIES_FILE="$OUT/families.txt"
}
