#!/usr/bin/env bash
# npm run bench [-- rows…]: install what is missing, then run the benchmarks (all, or the rows
# named: http open store validation api) side by side with their baselines. Knobs (environment):
# BENCH_ROUNDS, BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_BREAKDOWN_SECONDS (http); BENCH_OPEN,
# BENCH_CACHE, BENCH_CACHED_UNITS, BENCH_OPEN_SECONDS, BENCH_START_BUDGET (open). See README.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh" >/dev/null
cd "$ROOT"
# "bash scripts/bench.sh -- http" and "npm run bench -- http" mean the same.
if [ "${1:-}" = "--" ]; then shift; fi
exec node --import tsx bench/run.ts "$@"
