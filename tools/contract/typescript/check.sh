#!/usr/bin/env bash
# Generates the TypeScript client types from a document (default: the committed one) and type-checks client-check.ts.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
document="${1:-$here/../../../docs/openapi/v1.json}"
mkdir -p "$here/../.generated"
"$here/../node_modules/.bin/openapi-typescript" "$document" --output "$here/../.generated/healthcore.d.ts" --silent
"$here/../node_modules/.bin/tsc" -p "$here/tsconfig.json"
