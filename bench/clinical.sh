#!/usr/bin/env bash
# Clinical benchmark: the published service (Release) on a throwaway PostgreSQL 15, a patient with 200 encounters and
# 2,000 vitals sets recorded through the API (bench/clinical.js), CONNECTIONS clients recording vitals sets and reading
# the timeline, next to pgbench running the same database work raw (bench/clinical-*.sql) in the same run.
# Prints a Markdown table; copy it into docs/benchmarks.md with the date and machine. PG_DURABLE=1 runs PostgreSQL with
# fsync and synchronous_commit on (see scripts/postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
source bench/patients-service.sh
source bench/pgbench-measure.sh

export CONNECTIONS="${CONNECTIONS:-16}" DURATION="${DURATION:-20}"
PORT="${PORT:-$(free_port)}"

prepare_bench

start_postgres
start_bench_service clinical
echo "recording the chart through the API and measuring the service" >&2
IDS_OUT="$OUT/ids" node bench/clinical.js >"$OUT/service.jsonl"
read -r big writer_patient writer_encounter facility <"$OUT/ids"
tenant="$(psql_bench -c "SELECT tenant_id FROM clinical.encounters WHERE id = '$writer_encounter'")"
echo "chart: $(psql_bench -c "SELECT count(*) FROM clinical.encounters WHERE patient_id = '$big'") encounters," \
  "$(psql_bench -c "SELECT count(*) FROM clinical.vitals_observations WHERE patient_id = '$big'") vitals sets" >&2

# Where the service's second vitals page starts: after the 50th newest set.
read -r at after <<<"$(psql_bench -F ' ' -c "SELECT to_char(effective_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), id FROM clinical.vitals_observations
  WHERE patient_id = '$big' ORDER BY effective_at DESC, id DESC OFFSET 49 LIMIT 1")"

echo "| scenario | service requests/s | p50 ms | p95 ms | p99 ms | outcomes | raw database transactions/s | p50 ms | p95 ms | p99 ms |"
echo "|---|---|---|---|---|---|---|---|---|---|"
{
  pgbench_measure vitals bench/clinical-vitals.sql -D tenant="$tenant" -D patient="$writer_patient" -D encounter="$writer_encounter" -D facility="$facility"
  pgbench_measure timeline bench/clinical-timeline.sql -D tenant="$tenant" -D patient="$big"
  pgbench_measure timeline-vitals bench/clinical-timeline-vitals.sql -D tenant="$tenant" -D patient="$big" -D at="$at" -D after="$after"
} >"$OUT/raw.txt"
# One row per scenario: the service's line from clinical.js beside the raw line pgbench_measure printed for it.
node -e '
  const fs = require("fs");
  const raw = fs.readFileSync(process.argv[1], "utf8").trim().split("\n");
  fs.readFileSync(0, "utf8").trim().split("\n").forEach((line, i) => {
    const r = JSON.parse(line);
    const [tps, p50, p95, p99] = raw[i].split(" ");
    const outcomes = Object.entries(r.outcomes).sort().map(([k, v]) => `${k}: ${v}`).join("; ");
    console.log(`| ${r.scenario} | ${r.requestsPerSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${outcomes}${r.errors ? `; errors: ${r.errors}` : ""} | ${tps} | ${p50} | ${p95} | ${p99} |`);
  });' "$OUT/raw.txt" <"$OUT/service.jsonl"
