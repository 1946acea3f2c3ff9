#!/usr/bin/env bash
# Installs what is needed and starts the server on the embedded store (no Redis).
# Extra arguments go to `leerklimaat serve` (see --help), e.g. ./scripts/serve.sh --port 9000
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/install.sh"
install_python
build_web_client
exec "$ROOT/.venv/bin/leerklimaat" serve "$@"
