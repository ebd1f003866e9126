#!/usr/bin/env bash
# One command: install what the tests need and run the whole suite.
#   scripts/test.sh                 (SQLite)
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test scripts/test.sh   (PostgreSQL, as CI)
# Extra arguments go to pytest, e.g. scripts/test.sh -k episode
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh

ensure_venv
PYTHONWARNINGS=ignore "$VENV/bin/pip" install --quiet --disable-pip-version-check -e ".[test]"

# The browser tests drive Debian's Chromium (never a downloaded browser) and inject axe-core.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium saknas: kör 'sudo apt-get install chromium' och försök igen." >&2
    exit 1
  fi
fi
if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  echo "== npm: axe-core, vnu-jar (Nu Html Checker)"
  npm ci --no-audit --no-fund --silent
fi
# The Nu Html Checker (tests/home/test_html_validity.py) runs on Java 11 or later.
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Debian's Java runtime for the HTML validation"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
  else
    echo "Java saknas: kör 'sudo apt-get install default-jre-headless' och försök igen." >&2
    exit 1
  fi
fi

export DJANGO_SETTINGS_MODULE=cms.settings.test
"$VENV/bin/python" manage.py compile_translations >/dev/null
echo "== ruff"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
echo "== django checks"
"$VENV/bin/python" manage.py check --fail-level WARNING
"$VENV/bin/python" manage.py makemigrations --check --dry-run
echo "== pytest (${DATABASE_URL:-sqlite})"
"$VENV/bin/python" -m pytest "$@"
