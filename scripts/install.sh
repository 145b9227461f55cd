#!/usr/bin/env bash
# Installs Autopost into ./.venv, with the versions constraints.txt pins.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -c constraints.txt -e "${1:-.}"
