#!/usr/bin/env bash
# Prints the path of a usable `temporal` CLI (for `temporal server start-dev`) on stdout; logs go to stderr.
# Order: $TEMPORAL_CLI, a `temporal` on PATH, the cached pinned build, else build the pinned version with Go.
# Why build: the CLI's installer downloads from Temporal's CDN, which is unreachable here (and on separated
# government networks); v1.5.1 is the last version `go install` can build straight from the Go module proxy
# (later ones carry `replace` directives). See docs/offline-setup.md.
set -euo pipefail

TEMPORAL_CLI_VERSION="v1.5.1"
TEMPORAL_CLI_MODULE="github.com/temporalio/cli/cmd/temporal"
MIN_GO="1.25" # the go directive of github.com/temporalio/cli@v1.5.1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN_DIR="$ROOT/.cache/bin"
CACHED="$BIN_DIR/temporal"
STAMP="$BIN_DIR/.temporal-version" # `temporal --version` says 0.0.0-DEV for source builds, so we record the pin

log() { echo "[ensure-temporal-cli] $*" >&2; }

if [[ -n "${TEMPORAL_CLI:-}" ]]; then
  if [[ -x "$TEMPORAL_CLI" && ! -d "$TEMPORAL_CLI" ]]; then
    log "using \$TEMPORAL_CLI=$TEMPORAL_CLI"; echo "$TEMPORAL_CLI"; exit 0
  fi
  log "TEMPORAL_CLI=$TEMPORAL_CLI is not an executable file"; exit 1
fi

if on_path="$(command -v temporal 2>/dev/null)"; then
  log "using temporal on PATH: $on_path ($("$on_path" --version 2>/dev/null | head -n1))"
  echo "$on_path"; exit 0
fi

cached_matches() {
  [[ -x "$CACHED" ]] || return 1
  [[ -f "$STAMP" && "$(cat "$STAMP")" == "$TEMPORAL_CLI_VERSION" ]] && return 0
  # A build made without this script (no stamp): Go reads the module version embedded in the binary.
  if command -v go >/dev/null && go version -m "$CACHED" 2>/dev/null | grep -qE "^\s+mod\s+github.com/temporalio/cli\s+$TEMPORAL_CLI_VERSION\b"; then
    echo "$TEMPORAL_CLI_VERSION" >"$STAMP"; return 0
  fi
  return 1
}

if cached_matches; then
  log "using cached $TEMPORAL_CLI_VERSION build: $CACHED"; echo "$CACHED"; exit 0
fi

if ! command -v go >/dev/null; then
  cat >&2 <<EOF
[ensure-temporal-cli] No Temporal CLI found and Go is not installed, so it cannot be built.
  Do one of:
  - install Go >= $MIN_GO (https://go.dev/dl/) and run: npm run temporal:cli   (builds $TEMPORAL_CLI_VERSION into .cache/bin)
  - install the Temporal CLI (https://docs.temporal.io/cli#install) so that \`temporal\` is on PATH
  - set TEMPORAL_CLI=/path/to/temporal
  - or point the app at an existing server with TEMPORAL_ADDRESS=host:7233 (npm start then skips the dev server)
EOF
  exit 1
fi

mkdir -p "$BIN_DIR"
# One build at a time (npm start and the Jest setup may both get here); the second waits, then reuses the result.
exec 9>"$BIN_DIR/.temporal-build.lock"
if command -v flock >/dev/null; then flock 9; fi
if cached_matches; then log "built meanwhile by another process: $CACHED"; echo "$CACHED"; exit 0; fi

log "building temporal CLI $TEMPORAL_CLI_VERSION with $(go version) (about 4 minutes on 2 cores, once)"
start=$SECONDS
rm -f "$STAMP"
# GOTOOLCHAIN=auto lets a Go >= 1.21 older than $MIN_GO fetch the needed toolchain from the Go proxy.
if ! GOBIN="$BIN_DIR" GOTOOLCHAIN="${GOTOOLCHAIN:-auto}" \
  go install -ldflags='-s -w' "$TEMPORAL_CLI_MODULE@$TEMPORAL_CLI_VERSION" >&2; then
  log "go install failed; Go >= $MIN_GO (or >= 1.21 with access to the Go proxy) is required"; exit 1
fi
echo "$TEMPORAL_CLI_VERSION" >"$STAMP"
log "built $CACHED in $((SECONDS - start)) s"
echo "$CACHED"
