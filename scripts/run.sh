#!/usr/bin/env bash
# Installs Autopost into ./.venv and runs it on its embedded default: SQLite in ./var/,
# the broker, worker and scheduler inside the one process. Arguments go to `autopost serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install.sh
exec .venv/bin/autopost serve "$@"
