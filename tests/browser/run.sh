#!/usr/bin/env bash
# Runs the browser tests in Debian's Chromium, driven by playwright-core.
# Where Chromium or Node is missing, it says so plainly and skips.
# One Chromium and one server of the example portal serve the whole run
# (shared.mjs); tests that need a site or a server of their own start it.
set -euo pipefail
cd "$(dirname "$0")"
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$chromium" ] || ! command -v node >/dev/null; then
  echo "browser tests SKIPPED: Chromium or Node.js is not installed (apt-get install chromium nodejs npm; .ci/run does this)"
  exit 0
fi
if [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund --silent
fi
export CHROMIUM="$chromium" CJM="$(cd ../.. && pwd)/bin/cjm"
unset CJM_BROWSER_WS CJM_EXAMPLE_URL

# shared.mjs prints two lines, NAME=value, once both are up; it stops
# when this script ends and closes its standard input.
coproc SHARED { exec node shared.mjs; }
shared_pid=$SHARED_PID
# On the way out, stop it and wait for it, so that no Chromium outlives the run.
trap 'kill "$shared_pid" 2>/dev/null && wait "$shared_pid" 2>/dev/null; true' EXIT
for _ in 1 2; do
  if ! IFS= read -r line <&"${SHARED[0]}"; then
    echo "browser tests: the shared Chromium or example server did not start" >&2
    exit 1
  fi
  case $line in
    CJM_BROWSER_WS=* | CJM_EXAMPLE_URL=*) export "${line?}" ;;
    *) echo "browser tests: shared.mjs said: $line" >&2; exit 1 ;;
  esac
done

node --test --test-concurrency=2 --test-reporter=spec ${CJM_BROWSER_TESTS:-./*.test.mjs}
