#!/usr/bin/env bash
# One command: install what the tests need and run the whole suite.
#   scripts/test.sh                 (SQLite)
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test scripts/test.sh   (PostgreSQL, as CI)
# Extra arguments go to pytest, e.g. scripts/test.sh -k episode
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh

# npm's packages install beside pip's: half a minute less on a fresh checkout.
install_npm() {
  if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] ||
    [ ! -x node_modules/.bin/openapi-typescript ] || [ ! -x node_modules/.bin/tsc ]; then
    echo "== npm: axe-core, vnu-jar (Nu Html Checker), openapi-typescript, typescript"
    npm ci --no-audit --no-fund --silent
  fi
  # The reference front end's own packages (tests/browser/test_reference_frontend.py builds it).
  if ! cmp -s frontend/package-lock.json frontend/node_modules/.installed-lock.json; then
    echo "== npm: the reference front end (frontend/)"
    npm ci --prefix frontend --no-audit --no-fund --silent
    cp frontend/package-lock.json frontend/node_modules/.installed-lock.json
  fi
}
install_npm &
npm_job=$!
trap 'kill "$npm_job" 2>/dev/null || true' EXIT
ensure_venv
install_locked test

# Debian packages the tests use for real: Chromium (browser tests, never a downloaded
# browser), Java (the Nu Html Checker in tests/home/test_html_validity.py), Varnish (the
# caching proxy in tests/ops/test_varnish.py) and nginx (deploy/nginx, tests/ops).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
[ -x /usr/sbin/varnishd ] || command -v varnishd >/dev/null 2>&1 || missing+=(varnish)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Debian's ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Saknas: ${missing[*]}. Kör 'sudo apt-get install ${missing[*]}' och försök igen." >&2
    exit 1
  fi
fi
wait "$npm_job"
trap - EXIT

export DJANGO_SETTINGS_MODULE=cms.settings.test
"$VENV/bin/python" manage.py compile_translations >/dev/null
echo "== ruff"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
echo "== django checks"
"$VENV/bin/python" manage.py check --fail-level WARNING
"$VENV/bin/python" manage.py makemigrations --check --dry-run
echo "== pytest (${DATABASE_URL:-sqlite})"
# On every core (pytest-xdist: one test database, media folder and site server per worker);
# the slowest tests are listed at the end. `scripts/test.sh -n 0` runs in one process.
"$VENV/bin/python" -m pytest -n auto --durations=15 "$@"
