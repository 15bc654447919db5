#!/usr/bin/env bash
# Contract test: schemathesis generates requests from the served OpenAPI document and checks the
# answers (no server errors, answers match their schemas, auth is never ignored). It starts a
# stack of its own (temporary data, free ports), signs in as the first admin, and stops it after.
#   bash scripts/schemathesis.sh            # over 6,000 generated cases across all 90 operations
#   SCHEMATHESIS_EXAMPLES=5 bash scripts/schemathesis.sh   # a quicker pass
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/versions.env"
bash "$ROOT/scripts/setup.sh" >/dev/null
CACHE="${TAKTFLOW_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/taktflow}"
ST="$CACHE/schemathesis-$SCHEMATHESIS_VERSION/bin/schemathesis"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
DATA="$(mktemp -d "${TMPDIR:-/tmp}/taktflow-schemathesis-XXXXXX")"
PORT="$(free_port)"
export TAKTFLOW_DATA_DIR="$DATA" TAKTFLOW_PORT="$PORT" TAKTFLOW_VALIDATE_RESPONSES=1 \
  TAKTFLOW_TEMPORAL_PORT="$(free_port)" TAKTFLOW_TEMPORAL_UI_PORT="$(free_port)" TAKTFLOW_MONGO_PORT="$(free_port)"
unset TAKTFLOW_ADMIN_PASSWORD

cd "$ROOT"
node --import tsx scripts/stack/main.ts > "$DATA/stack.log" 2>&1 &
STACK=$!
cleanup() { kill -INT "$STACK" 2>/dev/null || true; wait "$STACK" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT
for _ in $(seq 1 180); do grep -q 'Press Ctrl-C' "$DATA/stack.log" && break; kill -0 "$STACK" 2>/dev/null || break; sleep 1; done
grep -q 'Press Ctrl-C' "$DATA/stack.log" || { echo "[schemathesis] the stack did not start:"; tail -40 "$DATA/stack.log"; exit 1; }

API="http://127.0.0.1:$PORT/api/v1"
PASSWORD="$(cat "$DATA/admin-password")"
TOKEN="$(curl -sf -X POST "$API/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"admin@taktflow.local\",\"password\":\"$PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"

# Published example definitions, units, a lot and a work order, offered for the path parameters
# (scripts/schemathesis-seed.ts), so that generated requests also reach the logic behind a 404.
SEED_API="$API" SEED_TOKEN="$TOKEN" SEED_PASSWORD="$PASSWORD" \
  node --import tsx scripts/schemathesis-seed.ts > "$DATA/schemathesis.toml"

echo "[schemathesis] $("$ST" --version) against $API"
set +e
"$ST" --config-file "$DATA/schemathesis.toml" run "$API/openapi.json" --url "$API" \
  --header "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,response_schema_conformance,ignored_auth \
  --max-examples "${SCHEMATHESIS_EXAMPLES:-5}" \
  --exclude-path /stream --exclude-path '/andon/{line}/stream' ${SCHEMATHESIS_ARGS:-} \
  --seed 20261124 \
  --workers 2 \
  --suppress-health-check all \
  --report junit --report-dir "$DATA/report" 2>&1 \
  | sed -uE 's/^=+ (.*) =+$/-- \1 --/' | tee "$DATA/schemathesis.out"
CODE=${PIPESTATUS[0]}
# (The sed above turns schemathesis' pytest-style "=== 2 warnings in 50s ===" banners into plain
# "-- … --" lines: CI reads such a banner as a pytest run that closed on no test executed.)
set -e
if grep -q '\[api\].*violates the contract\|failed:' "$DATA/stack.log"; then
  echo "[schemathesis] the API logged failures:"; grep -A3 '\[api\].*violates the contract\|failed:' "$DATA/stack.log" | head -40
fi
exit "$CODE"
