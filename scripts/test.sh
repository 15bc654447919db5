#!/usr/bin/env bash
# npm test: install what is missing (idempotent), lint, type-check, then every jest suite
# (unit and integration; the integration suites start the real servers or reach given ones).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
echo "== lint (npm run lint)"
npm run --silent lint
echo "== typecheck"
npm run --silent typecheck
echo "== jest"
export TAKTFLOW_TEST_SUMMARY="$(mktemp)"
node_modules/.bin/jest --ci "$@"
echo "== contract (schemathesis)"
bash scripts/schemathesis.sh
echo
cat "$TAKTFLOW_TEST_SUMMARY"
rm -f "$TAKTFLOW_TEST_SUMMARY"
