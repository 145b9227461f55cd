#!/usr/bin/env bash
# Installs Autopost into ./.venv and runs it on its embedded default: SQLite in ./var/,
# the broker, worker and scheduler inside the one process. Arguments go to `autopost serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -c constraints.txt -e .
exec .venv/bin/autopost serve "$@"
