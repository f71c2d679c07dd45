#!/usr/bin/env bash
# Prints the directory holding a usable production Temporal server for the cluster mode (`npm run start:cluster`)
# on stdout; logs go to stderr. The directory holds `temporal-server`, `temporal-sql-tool` and `schema/postgresql`
# (Temporal's own SQL schemas, copied from the module at build time so nothing depends on this machine's Go cache).
# Order: $TEMPORAL_SERVER_DIR, the cached pinned build in .cache/temporal-server, else build it with Go from the
# module proxy (about 4 minutes on 2 cores, once). Why build: see ensure-temporal-cli.sh and docs/offline-setup.md.
set -euo pipefail

TEMPORAL_SERVER_VERSION="v1.29.1"
TEMPORAL_SERVER_MODULE="go.temporal.io/server"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT_DIR="$ROOT/.cache/temporal-server"
STAMP="$OUT_DIR/.version"

log() { echo "[ensure-temporal-server] $*" >&2; }

complete() {
  [[ -x "$1/temporal-server" && -x "$1/temporal-sql-tool" && -d "$1/schema/postgresql/v12/temporal/versioned" ]]
}

if [[ -n "${TEMPORAL_SERVER_DIR:-}" ]]; then
  if complete "$TEMPORAL_SERVER_DIR"; then
    log "using \$TEMPORAL_SERVER_DIR=$TEMPORAL_SERVER_DIR"; echo "$TEMPORAL_SERVER_DIR"; exit 0
  fi
  log "TEMPORAL_SERVER_DIR=$TEMPORAL_SERVER_DIR lacks temporal-server, temporal-sql-tool or schema/postgresql"; exit 1
fi

cached() { complete "$OUT_DIR" && [[ -f "$STAMP" && "$(cat "$STAMP")" == "$TEMPORAL_SERVER_VERSION" ]]; }

if cached; then log "using cached $TEMPORAL_SERVER_VERSION build: $OUT_DIR"; echo "$OUT_DIR"; exit 0; fi

if ! command -v go >/dev/null; then
  cat >&2 <<MSG
[ensure-temporal-server] No Temporal server build found and Go is not installed, so it cannot be built.
  Do one of:
  - install Go >= 1.24 (https://go.dev/dl/) and run: npm run temporal:server   (builds $TEMPORAL_SERVER_VERSION once)
  - set TEMPORAL_SERVER_DIR to a directory with temporal-server, temporal-sql-tool and schema/postgresql
MSG
  exit 1
fi

mkdir -p "$OUT_DIR"
exec 9>"$OUT_DIR/.build.lock"
if command -v flock >/dev/null; then flock 9; fi
if cached; then log "built meanwhile by another process: $OUT_DIR"; echo "$OUT_DIR"; exit 0; fi

log "building Temporal server $TEMPORAL_SERVER_VERSION with $(go version) (about 4 minutes on 2 cores, once)"
start=$SECONDS
rm -f "$STAMP"
build_dir="$(mktemp -d)"
trap 'rm -rf "$build_dir"' EXIT
if ! GOBIN="$build_dir" GOTOOLCHAIN="${GOTOOLCHAIN:-auto}" go install -ldflags='-s -w' \
  "$TEMPORAL_SERVER_MODULE/cmd/server@$TEMPORAL_SERVER_VERSION" \
  "$TEMPORAL_SERVER_MODULE/cmd/tools/sql@$TEMPORAL_SERVER_VERSION" >&2; then
  log "go install failed; a Go able to fetch the toolchain the module asks for (GOTOOLCHAIN=auto) is required"; exit 1
fi
mv "$build_dir/server" "$OUT_DIR/temporal-server"
mv "$build_dir/sql" "$OUT_DIR/temporal-sql-tool"
module_dir="$(GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' "$TEMPORAL_SERVER_MODULE@$TEMPORAL_SERVER_VERSION" 2>/dev/null ||
  echo "$(go env GOMODCACHE)/$TEMPORAL_SERVER_MODULE@$TEMPORAL_SERVER_VERSION")"
rm -rf "$OUT_DIR/schema"
mkdir -p "$OUT_DIR/schema"
cp -R "$module_dir/schema/postgresql" "$OUT_DIR/schema/"
chmod -R u+w "$OUT_DIR/schema"
echo "$TEMPORAL_SERVER_VERSION" >"$STAMP"
log "built $OUT_DIR in $((SECONDS - start)) s"
echo "$OUT_DIR"
