#!/usr/bin/env bash
# Installs what is needed and starts the server on the embedded store (no Redis).
# Extra arguments go to `leerklimaat serve` (see --help), e.g. ./scripts/serve.sh --port 9000
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/install.sh"
# Fonts for Chinese, Japanese, Korean and emoji in the PDF report (docs/exports.md); without
# them the report is still made, with those characters as boxes.
install_system fonts-droid-fallback fonts-symbola || echo "Could not install the report's extra fonts; continuing without them."
install_python
build_web_client
exec "$ROOT/.venv/bin/leerklimaat" serve "$@"
