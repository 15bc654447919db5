#!/usr/bin/env bash
# npm run bench: install what is missing, then run every benchmark side by side with its baseline.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh" >/dev/null
cd "$ROOT"
exec node --import tsx bench/run.ts "$@"
