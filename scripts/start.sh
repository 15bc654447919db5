#!/usr/bin/env bash
# npm start: install what is missing (idempotent), then run the whole stack in the foreground.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
exec node --import tsx scripts/stack/main.ts
