#!/usr/bin/env bash
# Installs what the tests need into ./.venv, makes sure PostgreSQL and Redis are up on
# loopback, then runs the linters, the type checker, the layer contract and every test.
set -euo pipefail
cd "$(dirname "$0")/.."

start_services() {
  if command -v pg_isready >/dev/null && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
  fi
  if command -v redis-cli >/dev/null && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true
  fi
  for _ in $(seq 1 50); do
    pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "PostgreSQL (127.0.0.1:5432) or Redis (127.0.0.1:6379) is not answering" >&2
  return 1
}

# The browser tests drive Debian's Chromium (Playwright is pointed at it and never downloads a
# browser of its own). Without it they fail, unless AUTOPOST_SKIP_BROWSER_TESTS=1 skips them.
install_chromium() {
  if [ -x /usr/bin/chromium ] || [ "${AUTOPOST_SKIP_BROWSER_TESTS:-}" = 1 ]; then
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends chromium \
      || { apt-get update -q && apt-get install -y -q --no-install-recommends chromium; }
  else
    echo "/usr/bin/chromium is missing and cannot be installed here (needs root and apt-get):" >&2
    echo "  install Debian's chromium package, or set AUTOPOST_SKIP_BROWSER_TESTS=1 to skip" >&2
    echo "  the browser tests; otherwise they fail." >&2
  fi
}

start_services
install_chromium
./scripts/install.sh '.[test]'
# The Pinterest contract tests run the client against Prism, a mock server generated from
# Pinterest's OpenAPI description; the browser tests run axe-core, the accessibility check, in
# the desk pages. Both are pinned in tests/contract/package-lock.json.
if [ ! -x tests/contract/node_modules/.bin/prism ] || [ ! -f tests/contract/node_modules/axe-core/axe.min.js ]; then
  npm ci --prefix tests/contract --no-audit --no-fund --loglevel=error
fi

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/lint-imports
exec .venv/bin/pytest "$@"
