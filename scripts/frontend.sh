#!/usr/bin/env bash
# The reference front end (frontend/: Astro, server-rendered) against a running CMS.
#   scripts/demo.sh        in one terminal (the CMS and its API at http://127.0.0.1:8000/)
#   scripts/frontend.sh    in another (the front end at http://127.0.0.1:4321/)
# Environment: SKL_API (default http://127.0.0.1:8000), PORT (default 4321),
# SKL_WEBHOOK_SECRET (the whsec_… the admin shows for the endpoint <front end>/api/revalidate).
set -euo pipefail
cd "$(dirname "$0")/../frontend"
export SKL_API="${SKL_API:-http://127.0.0.1:8000}" ASTRO_TELEMETRY_DISABLED=1
if ! cmp -s package-lock.json node_modules/.installed-lock.json; then
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.installed-lock.json
fi
# The client is generated from the running API's OpenAPI document, then type-checked and built.
until curl -sf -o /dev/null "$SKL_API/api/v3/openapi.json"; do
  echo "Väntar på API:t på $SKL_API (kör scripts/demo.sh i en annan terminal) …"
  sleep 3
done
npm run --silent generate
npm run --silent build
echo "Referenswebbplatsen: http://127.0.0.1:${PORT:-4321}/  (Ctrl+C avslutar)"
HOST=127.0.0.1 PORT="${PORT:-4321}" exec node dist/server/entry.mjs
