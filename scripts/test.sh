#!/usr/bin/env bash
# One command: install what the tests need and run the whole suite.
#   scripts/test.sh                 (SQLite)
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test scripts/test.sh   (PostgreSQL, as CI)
# Extra arguments go to pytest, e.g. scripts/test.sh -k episode
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh

ensure_venv
"$VENV/bin/pip" install --quiet --disable-pip-version-check -e ".[test]"

export DJANGO_SETTINGS_MODULE=cms.settings.test
echo "== ruff"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
echo "== django checks"
"$VENV/bin/python" manage.py check --fail-level WARNING
"$VENV/bin/python" manage.py makemigrations --check --dry-run
echo "== pytest (${DATABASE_URL:-sqlite})"
"$VENV/bin/python" -m pytest "$@"
