#!/usr/bin/env bash
# Rewrites docs/permissions.md from the role-to-permission table in code (no database needed).
set -euo pipefail
cd "$(dirname "$0")/.."
HEALTHCORE_UPDATE_PERMISSIONS=1 dotnet test tests/HealthCore.Tests --filter "FullyQualifiedName~PermissionsDocumentTests" --nologo -v q
git --no-pager diff --stat -- docs/permissions.md
