# Sourced by the benchmarks that put the raw database next to the service: needs PG_BIN, PG_PORT, OUT, CONNECTIONS and
# DURATION. pgbench_measure NAME SCRIPT [pgbench options...] runs SCRIPT on healthcore_bench and prints
# "transactions/s p50 p95 p99" (milliseconds, from pgbench's per-transaction log).
pgbench_measure() {
  local name="$1" script="$2"
  shift 2
  "$PG_BIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c "$CONNECTIONS" -j 2 -T "$DURATION" "$@" \
    -l --log-prefix="$OUT/pgbench-log-$name" -f "$script" healthcore_bench >"$OUT/pgbench-$name.txt" 2>&1 \
    || { cat "$OUT/pgbench-$name.txt" >&2; return 1; }
  local tps count
  tps="$(grep -oP 'tps = \K[0-9.]+' "$OUT/pgbench-$name.txt" | head -1)"
  cat "$OUT"/pgbench-log-"$name".* | awk '{print $3 / 1000}' | sort -n >"$OUT/latencies-$name"
  count="$(wc -l <"$OUT/latencies-$name")"
  pct() { awk -v p="$1" -v n="$count" 'NR == int((p / 100) * n + 0.999) { printf "%.1f", $1; exit }' "$OUT/latencies-$name"; }
  echo "${tps%.*} $(pct 50) $(pct 95) $(pct 99)"
}
