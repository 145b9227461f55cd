#!/usr/bin/env bash
# Installs what the tests need into ./.venv, makes sure PostgreSQL, Redis and RabbitMQ are up
# on loopback, then runs the linters, the type checker, the layer contract and every test.
set -euo pipefail
cd "$(dirname "$0")/.."

answers() { # host port: something listens there
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

start_services() {
  if command -v pg_isready >/dev/null && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
  fi
  if command -v redis-cli >/dev/null && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true
  fi
  if command -v rabbitmq-server >/dev/null && ! answers 127.0.0.1 5672; then
    rabbitmq-server -detached >/dev/null 2>&1 || service rabbitmq-server start >/dev/null 2>&1 || true
  fi
  # RabbitMQ takes a few seconds to boot.
  for _ in $(seq 1 150); do
    pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 \
      && answers 127.0.0.1 5672 && return 0
    sleep 0.2
  done
  pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null \
    || echo "PostgreSQL is not answering on 127.0.0.1:5432 (user postgres, trust auth, database test)" >&2
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 \
    || echo "Redis is not answering on 127.0.0.1:6379: install redis-server, or start it" >&2
  answers 127.0.0.1 5672 \
    || echo "RabbitMQ is not answering on 127.0.0.1:5672 (guest/guest): install rabbitmq-server and start it with \`rabbitmq-server -detached\` or \`service rabbitmq-server start\`" >&2
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
# Two pytest-xdist workers by default, a test module on one of them (--dist loadfile): tests that
# share a broker on this machine take turns through a lock file (tests/e2e/deployment.py), and
# every module has its own Redis database or queue names. PYTEST_WORKERS=0 runs in one process;
# PYTEST_WORKERS=N with N workers.
workers="${PYTEST_WORKERS:-2}"
if [ "$workers" != 0 ]; then
  exec .venv/bin/pytest -n "$workers" --dist loadfile "$@"
fi
exec .venv/bin/pytest "$@"
