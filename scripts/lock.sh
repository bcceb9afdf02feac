#!/usr/bin/env bash
# Regenerate constraints-test.txt, the exact versions scripts/test.sh installs: cvgen's dependencies,
# the `test` extra, the build backend (hatchling, which tests/test_packaging.py also uses) and all
# they pull in. Resolved in a fresh venv from PyPI alone (no pip.conf indexes, find-links or
# constraints of this machine), with the newest releases pyproject.toml allows.
#   bash scripts/lock.sh          # then: bash scripts/test.sh, and commit pyproject.toml with the lock
# Run it with Python 3.11, CI's Python (PYTHON=python3.11 bash scripts/lock.sh if python3 is another).
set -euo pipefail
cd "$(dirname "$0")/.."
LOCK=constraints-test.txt
PYTHON="${PYTHON:-python3}"
INDEX="${CVGEN_LOCK_INDEX:-https://pypi.org/simple}"

"$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
  || { echo "lock.sh: $PYTHON is not Python 3.11, CI's Python; set PYTHON=..." >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1
unset PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_FIND_LINKS PIP_CONSTRAINT PIP_REQUIREMENT PIP_NO_INDEX

"$PYTHON" -m venv "$tmp/venv"
mapfile -t backend < <("$PYTHON" -c '
import tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"]))')
"$tmp/venv/bin/python" -m pip install -q --no-cache-dir --index-url "$INDEX" ".[test]" "${backend[@]}"

{
  echo "# Exact versions for the tests (Python 3.11, Linux): cvgen's dependencies, the [test] extra,"
  echo "# the build backend and everything they pull in; PyPI packages only, cvgen itself left out."
  echo "# scripts/test.sh installs with these as pip constraints (PIP_CONSTRAINT), so a new release"
  echo "# cannot change a CI run. Written by scripts/lock.sh; refresh with: bash scripts/lock.sh"
  "$tmp/venv/bin/python" -m pip freeze --exclude cvgen --exclude-editable
} >"$LOCK.new"
mv "$LOCK.new" "$LOCK"
echo "lock.sh: wrote $LOCK ($(grep -c '==' "$LOCK") packages); review with: git diff $LOCK"
