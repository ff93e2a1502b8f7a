#!/usr/bin/env bash
# Installs everything the tests need (venv, pip extras, the example plugin, Debian's Chromium) and runs
# lint + the whole test suite. This is the README's test command and what .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "== installing Debian's chromium for the browser tests"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e '.[test]' 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import lixcheck, flask, docx, pypdfium2, textstat" # fail fast if the install did not work
if [ -d plugins ]; then
  for p in plugins/*/; do
    [ -f "$p/pyproject.toml" ] && .venv/bin/pip install -q --disable-pip-version-check --no-deps -e "$p" 2>&1 \
      | grep -v "^WARNING: Location" || true
  done
fi
echo "== ruff"
.venv/bin/ruff check .
echo "== pytest"
.venv/bin/pytest -q "$@"
