#!/usr/bin/env bash
# Baseline HTTP throughput and latency of the platform pipeline on this machine.
# Publishes the service (Release), starts it on SQLite and on a throwaway PostgreSQL, and drives it with autocannon
# over loopback. Results go to stdout as a Markdown table; copy them into docs/benchmarks.md with the date and machine.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh

DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-16}"
PORT="${PORT:-5190}"
OUT="$(mktemp -d)"

(cd bench && npm install --silent --no-audit --no-fund >/dev/null)
dotnet publish src/HealthCore -c Release -o "$OUT/app" --nologo -v q >/dev/null

start_postgres
SERVICE_PID=""
cleanup() {
  [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null || true
  stop_postgres
  rm -rf "$OUT"
}
trap cleanup EXIT

run_service() {
  local provider="$1" connection="$2"
  ASPNETCORE_ENVIRONMENT=Production \
  Database__Provider="$provider" Database__ConnectionString="$connection" Database__MigrateOnStartup=true \
  Secrets__CursorSigning="$(head -c 32 /dev/urandom | base64)" Http__RateLimit__PermitLimit=100000000 \
  Logging__LogLevel__Default=Warning \
    dotnet "$OUT/app/HealthCore.dll" --urls "http://127.0.0.1:$PORT" >"$OUT/service.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health/live" >/dev/null && return 0; sleep 0.5; done
  cat "$OUT/service.log" >&2; return 1
}

measure() {
  local provider="$1" path="$2"
  # Warm up (JIT, connection pools), then measure.
  bench/node_modules/.bin/autocannon -c "$CONNECTIONS" -d 2 "http://127.0.0.1:$PORT$path" >/dev/null 2>&1
  bench/node_modules/.bin/autocannon -c "$CONNECTIONS" -d "$DURATION" -j "http://127.0.0.1:$PORT$path" 2>/dev/null \
    | node -e '
      const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
      const [provider, path] = process.argv.slice(1);
      console.log(`| ${provider} | ${path} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx} |`);
    ' "$provider" "$path"
}

echo "| database | endpoint | requests/s | p50 ms | p99 ms | non-2xx |"
echo "|---|---|---|---|---|---|"
for provider in Sqlite Postgres; do
  if [ "$provider" = Sqlite ]; then connection="Data Source=$OUT/bench.db"; else
    connection="$(echo "$HEALTHCORE_TEST_POSTGRES" | sed 's/Database=postgres/Database=healthcore_bench/')"
    as_pg_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE healthcore_bench" >/dev/null
  fi
  run_service "$provider" "$connection"
  for path in /health/live /health/ready /metrics /api/v1/unknown; do
    measure "$provider" "$path"
  done
  kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true; SERVICE_PID=""
done
