#!/usr/bin/env bash
# Rewrites docs/openapi/v1.json from the running service (SQLite, no PostgreSQL needed).
set -euo pipefail
cd "$(dirname "$0")/.."
HEALTHCORE_UPDATE_OPENAPI=1 dotnet test tests/HealthCore.Tests --filter "FullyQualifiedName~OpenApiDocumentTests" --nologo -v q
git --no-pager diff --stat -- docs/openapi/v1.json
