#!/bin/sh
# Every check the project passes before it lands (called by ./dev.sh test and CI).
set -eu
cd "$(dirname "$0")/.."
PY=.venv/bin/python
status=0
step() { printf '\n== %s\n' "$1"; }

step "ruff"
$PY -m ruff check reader tests || status=1

step "mypy"
$PY -m mypy || status=1

step "import contracts (lint-imports; see [tool.importlinter] in pyproject.toml)"
"$(dirname "$PY")/lint-imports" || status=1

step "pytest"
# QT_QPA_PLATFORM=offscreen is set by tests/conftest.py; real-screen checks start Xvfb.
$PY -m pytest -q "$@" || status=1

step "script conversion with opencc-python-reimplemented (separate venv)"
# The two OpenCC packages share the module name `opencc`, so the second one gets its
# own venv holding just what reader.core needs.
ALT=.venv-opencc-reimpl
if [ ! -x "$ALT/bin/python" ]; then
  "$PY" -m venv "$ALT"  # the same Python 3.11+ as .venv (not the system's python3)
  "$ALT/bin/python" -m pip install -q opencc-python-reimplemented charset-normalizer cn2an \
    pytest hypothesis
fi
PYTHONPATH=. "$ALT/bin/python" -m pytest -q -p no:cacheprovider -W ignore::pytest.PytestConfigWarning tests/core/test_script.py || status=1

step "packaging: build the .deb, install it, run it, remove it"
if [ "$(id -u)" = 0 ]; then
  sh packaging/test_deb.sh || status=1
else
  echo "SKIPPED: packaging/test_deb.sh installs a package and needs root (CI runs it)"
fi

if [ "$status" -ne 0 ]; then
  printf '\nSOME CHECKS FAILED\n'
fi
exit $status
