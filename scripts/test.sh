#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian 12 machine, then run them.
# Idempotent: a second run only re-checks. Pass pytest arguments through: scripts/test.sh -k latex
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh pdf latex browser
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e '.[test]'
if [ -f package.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
.venv/bin/ruff check cvgen tests
.venv/bin/python -m pytest -q "$@"
