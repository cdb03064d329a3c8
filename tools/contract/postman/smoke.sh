#!/usr/bin/env bash
# Starts the built service (SQLite in a temporary folder, a bootstrapped admin) on a free loopback port, runs the
# newman smoke run of smoke.js against it, and always stops it.
# Usage: smoke.sh <path to HealthCore.dll> [openapi.json]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
service_dll="$1"
document="${2:-$here/../../../docs/openapi/v1.json}"
root="$(mktemp -d)"
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
password="smoke-$(date +%s)-passphrase"
dotnet "$service_dll" --urls "http://127.0.0.1:$port" --contentRoot "$root" --environment Staging \
  --Bootstrap:AdminPassword="$password" --Seed:DemoOnStartup=false >"$root/service.log" 2>&1 &
service=$!
trap 'kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; rm -rf "$root"' EXIT
for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$service" 2>/dev/null; then cat "$root/service.log" >&2; exit 1; fi
  sleep 0.5
done
node "$here/smoke.js" "$document" "http://127.0.0.1:$port" demo admin "$password"
