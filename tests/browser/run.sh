#!/usr/bin/env bash
# Runs the browser tests in Debian's Chromium, driven by playwright-core.
# Where Chromium or Node is missing, it says so plainly and skips.
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
CHROMIUM="$chromium" CJM="$(cd ../.. && pwd)/bin/cjm" node --test --test-concurrency=2 --test-reporter=spec ./*.test.mjs
