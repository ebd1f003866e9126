#!/usr/bin/env bash
# One command: set up everything and run the demo site with the seeded content on SQLite.
#   scripts/demo.sh            (serves http://127.0.0.1:8000/, admin at /admin/)
# Environment: PORT (default 8000), PYTHON (a Python 3.11+ interpreter).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh

ensure_venv
install_locked base

export DJANGO_SETTINGS_MODULE=cms.settings.dev
PORT="${PORT:-8000}"
# Full URLs (canonical, API links, media) point at this server.
export WAGTAILADMIN_BASE_URL="${WAGTAILADMIN_BASE_URL:-http://127.0.0.1:${PORT}}"
"$VENV/bin/python" manage.py compile_translations
"$VENV/bin/python" manage.py migrate --noinput
"$VENV/bin/python" manage.py load_seed_content
"$VENV/bin/python" manage.py create_demo_admin --url "http://127.0.0.1:${PORT}/admin/"
# The background worker (Wagtail's tasks, cache purges, webhooks) and the periodic jobs
# (scheduled publishing and expiry, retention: deploy/systemd's timer in production) run beside
# the server and stop with it; their logs are kept out of the server's.
WORKER_LOG="${TMPDIR:-/tmp}/skl-demo-worker.log"
"$VENV/bin/python" manage.py db_worker --no-reload >"$WORKER_LOG" 2>&1 &
WORKER_PID=$!
"$VENV/bin/python" manage.py run_periodic --every 60 >>"$WORKER_LOG" 2>&1 &
PERIODIC_PID=$!
trap 'kill "$WORKER_PID" "$PERIODIC_PID" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
echo "Bakgrundsjobb: manage.py db_worker och run_periodic (logg: $WORKER_LOG)"
echo "Webbplatsen: http://127.0.0.1:${PORT}/  (Ctrl+C avslutar)"
"$VENV/bin/python" manage.py runserver "127.0.0.1:${PORT}"
