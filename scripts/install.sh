#!/usr/bin/env bash
# Installs what the project needs, idempotently. Sourced by serve.sh and test.sh.
#   install_python [extras]   virtualenv in .venv with the package (editable) and extras
#   install_system PKG...     Debian packages, only those missing (apt-get update first)
#   build_web_client          npm ci + vite build, when web_client/ has a package.json
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-python3}"

install_system() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

install_python() {
  local extras="${1:-}"
  if [ ! -x "$ROOT/.venv/bin/python" ]; then
    "$PY" -m venv "$ROOT/.venv"
  fi
  "$ROOT/.venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
  local target="$ROOT"
  [ -n "$extras" ] && target="$ROOT[$extras]"
  "$ROOT/.venv/bin/python" -m pip install -q --disable-pip-version-check -e "$target"
}

build_web_client() {
  if [ -f "$ROOT/web_client/package.json" ]; then
    (cd "$ROOT/web_client" && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
  fi
}
