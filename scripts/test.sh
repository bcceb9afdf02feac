#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian 12 machine, then run ruff, mypy and pytest.
# Idempotent: a second run only re-checks.
#   bash scripts/test.sh               everything, on all cores (pytest-xdist -n auto)
#   bash scripts/test.sh --fast        the fast part only: -m "not latex and not browser and not slow"
#   bash scripts/test.sh -k bibtex     other arguments go to pytest as they are (-n 0: one process)
# Python packages are installed at the exact versions in constraints-test.txt (scripts/lock.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

fast=0
args=()
for arg in "$@"; do
  if [ "$arg" = "--fast" ]; then fast=1; else args+=("$arg"); fi
done

if [ "$fast" = 1 ]; then
  bash scripts/install-system-deps.sh pdf
else
  bash scripts/install-system-deps.sh pdf latex browser
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
# PIP_CONSTRAINT, not only -c: it also pins the build backend that pip, `python -m build` and the
# packaging test's venv install, since pip passes it on to every pip it starts.
export PIP_CONSTRAINT="$PWD/constraints-test.txt"
.venv/bin/pip install -q --disable-pip-version-check -c constraints-test.txt -e '.[test]'
# Everything installed must be pinned: a dependency added to pyproject.toml without
# `bash scripts/lock.sh` would otherwise come in at whatever version is newest that day.
.venv/bin/python - <<'EOF'
import os, re, subprocess, sys
norm = lambda name: re.sub(r"[-_.]+", "-", name).lower()
pinned = {norm(line.split("==")[0]) for line in open("constraints-test.txt") if "==" in line}
frozen = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude-editable"],
                        capture_output=True, text=True, check=True).stdout.split()
loose = sorted(line for line in frozen if "==" in line and norm(line.split("==")[0]) not in pinned)
if loose:
    print(f"test.sh: installed but not in constraints-test.txt: {' '.join(loose)}; run bash scripts/lock.sh",
          file=sys.stderr)
    sys.exit(1 if os.environ.get("CI", "").lower() in ("1", "true", "yes") else 0)
EOF
if [ -f package.json ]; then
  # npm ci empties node_modules first: only when package-lock.json changed since the last install, so
  # that a second run (or one started while another runs the browser tests) leaves it alone.
  stamp=node_modules/.installed-from-package-lock
  want="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" >"$stamp"
  fi
fi

status=0
.venv/bin/ruff check cvgen tests || status=1
.venv/bin/mypy || status=1
if [ "$status" != 0 ]; then
  echo "test.sh: ruff or mypy failed (above); pytest was not run" >&2
  exit 1
fi

pytest_args=(-q -n auto)
if [ "$fast" = 1 ]; then
  pytest_args+=(-m "not latex and not browser and not slow")
fi
code=0
.venv/bin/python -m pytest "${pytest_args[@]}" ${args[@]+"${args[@]}"} || code=$?
if [ "$code" = 5 ]; then
  # pytest's "no tests ran": never a pass, and said in words rather than by an exit code alone.
  echo "test.sh: pytest collected no test (exit 5); check the arguments and the -m/-k selection" >&2
fi
exit "$code"
