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
"$VENV/bin/python" manage.py compile_translations
"$VENV/bin/python" manage.py migrate --noinput
"$VENV/bin/python" manage.py load_seed_content
PORT="${PORT:-8000}"
"$VENV/bin/python" manage.py create_demo_admin --url "http://127.0.0.1:${PORT}/admin/"
echo "Webbplatsen: http://127.0.0.1:${PORT}/  (Ctrl+C avslutar)"
exec "$VENV/bin/python" manage.py runserver "127.0.0.1:${PORT}"
