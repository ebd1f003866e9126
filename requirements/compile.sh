#!/usr/bin/env bash
# Regenerates the lock files from pyproject.toml after a dependency changed: every package
# pinned with its hashes, for every Python from 3.11 on (uv's universal resolution).
#   .venv/bin/pip install uv && requirements/compile.sh [--upgrade]
set -euo pipefail
cd "$(dirname "$0")/.."
for set in base test production; do
  extra=()
  [ "$set" = base ] || extra=(--extra "$set")
  .venv/bin/uv pip compile pyproject.toml "${extra[@]}" --universal --python-version 3.11 \
    --generate-hashes --quiet --custom-compile-command requirements/compile.sh \
    -o "requirements/$set.txt" "$@"
done
