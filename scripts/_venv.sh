# Shared by scripts/demo.sh and scripts/test.sh: find Python 3.11+ and create .venv once.
VENV="${VENV:-.venv}"

find_python() {
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "Python 3.11 eller senare behövs (sätt PYTHON=/sökväg/till/python3)." >&2
  return 1
}

ensure_venv() {
  if [ ! -x "$VENV/bin/python" ]; then
    "$(find_python)" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check --upgrade pip
  fi
}

# The pinned, hash-checked set requirements/$1.txt (base, test or production; made by
# requirements/compile.sh), then this checkout itself without touching the pins.
install_locked() {
  PYTHONWARNINGS=ignore "$VENV/bin/pip" install --quiet --disable-pip-version-check \
    --require-hashes -r "requirements/$1.txt"
  PYTHONWARNINGS=ignore "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps -e .
}
