#!/usr/bin/env bash
# Installs what is needed and runs the whole test suite: lint, types, content, client
# unit tests, and pytest (unit, integration over real servers, Redis, browser).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/install.sh"
install_system redis-server chromium poppler-utils fonts-dejavu-core nginx docker-compose \
  fonts-droid-fallback fonts-symbola
install_python test
build_web_client
cd "$ROOT"
echo "== ruff"; .venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy"; .venv/bin/mypy game_server
echo "== content"; .venv/bin/leerklimaat check-content
if [ -f web_client/package.json ]; then
  echo "== web client unit tests"; (cd web_client && npm test --silent)
fi
echo "== pytest"
# Two workers: every test starts its own servers on free ports in its own folders, so they
# run side by side; two keep CI under 20 minutes (15:46 -> 11:08 here) without loading a
# small machine so much that waits for a real browser or server grow long.
exec .venv/bin/pytest -q -p no:cacheprovider -n 2 "$@"
