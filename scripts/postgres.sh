#!/usr/bin/env bash
# Throwaway PostgreSQL 15 for tests and benchmarks: start_postgres exports HEALTHCORE_TEST_POSTGRES, stop_postgres removes it.
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
# Tests run it without fsync (nothing to keep); PG_DURABLE=1 starts it with fsync, synchronous_commit and full-page
# writes on, as production runs, for benchmarks that compare both settings. PG_OPTIONS adds server options (-c ...).

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

ensure_postgres_binaries() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "PostgreSQL 15 binaries missing; installing from Debian" >&2
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
    else
      echo "PostgreSQL 15 binaries not found at $PG_BIN" >&2
      return 1
    fi
  fi
}

as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}

start_postgres() {
  ensure_postgres_binaries || return 1
  PG_DIR="$(mktemp -d /tmp/healthcore-pg.XXXXXX)"
  chmod 755 "$PG_DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PG_DIR"; fi
  PG_PORT="$(free_port)"
  as_pg_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if [ "${PG_DURABLE:-0}" = 1 ]; then durability="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"; fi
  as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 $durability -c max_connections=300 ${PG_OPTIONS:-}" \
    start >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
  export PG_DIR PG_PORT
  export HEALTHCORE_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  echo "PostgreSQL 15 started on 127.0.0.1:$PG_PORT (durable: ${PG_DURABLE:-0})" >&2
}

stop_postgres() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    PG_DIR=""
    echo "PostgreSQL stopped" >&2
  fi
}
