#!/bin/sh
# Build the .deb and try it the way a staff member's PC would get it (run as root, in CI):
#
#   sh packaging/test_deb.sh [--reuse-bundle]
#
#  1. build:    packaging/build_deb.sh (venv, PyInstaller bundle, package)
#  2. check:    desktop-file-validate, appstreamcli validate, lintian (no errors)
#  3. bundle:   the smoke run (packaging/smoke.py) of dist/dazi-reader/dazi-reader
#  4. install:  dpkg -i (apt-get install -f for missing dependencies)
#  5. installed: the smoke run of /usr/bin/dazi-reader, from a temp folder
#  6. remove:   dpkg -r; nothing of the package may be left behind
# Prints how long each step took and "N passed, M failed" at the end.
set -u
cd "$(dirname "$0")/.."
REPO=$(pwd)

APPSTREAM_ID=cn.dazireader.DaziReader
passed=0
failed=0
START=$(date +%s)
step_start=$START
step() { printf '\n== %s\n' "$*"; step_start=$(date +%s); }
took() { printf '   (%ss)\n' "$(($(date +%s) - step_start))"; }
ok() { passed=$((passed + 1)); printf 'PASS  %s\n' "$1"; }
bad() { failed=$((failed + 1)); printf 'FAIL  %s\n' "$1"; }
finish() {
  printf '\ntotal %ss\n%s passed, %s failed\n' "$(($(date +%s) - START))" "$passed" "$failed"
  [ "$failed" = 0 ] && exit 0
  exit 1
}

if [ "$(id -u)" = 0 ]; then SUDO=""
elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"
else echo "test_deb.sh installs a package: run it as root" >&2; exit 2; fi

# Tools this test uses (the build's own tools are installed by build_deb.sh).
need=""
for pair in desktop-file-validate:desktop-file-utils appstreamcli:appstream lintian:lintian \
            xvfb-run:xvfb xauth:xauth pdftotext:poppler-utils; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || need="$need ${pair#*:}"
done
if [ -n "$need" ]; then
  step "Installing test tools:$need"
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
fi

# --- 1. build ------------------------------------------------------------------------
step "Build"
if sh packaging/build_deb.sh "$@"; then ok "build_deb.sh"; else bad "build_deb.sh"; finish; fi
took
. packaging/pick_python.sh
BASE_PY=$(pick_python) || { echo "test_deb.sh needs Python 3.11 or newer" >&2; exit 2; }
VERSION=$("$BASE_PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
DEB="dist/dazi-reader_${VERSION}_$(dpkg --print-architecture).deb"
ROOT=build/deb/root

# --- 2. metadata checks --------------------------------------------------------------
step "Metadata checks"
if desktop-file-validate "$ROOT/usr/share/applications/dazi-reader.desktop"; then
  ok "desktop-file-validate"; else bad "desktop-file-validate"; fi
# validate-tree also checks the metadata against the desktop file and icons beside it.
if appstreamcli validate-tree --no-net "$ROOT" \
   && [ -f "$ROOT/usr/share/metainfo/$APPSTREAM_ID.metainfo.xml" ]; then
  ok "appstreamcli validate-tree"; else bad "appstreamcli validate-tree"; fi
lintian --fail-on error --display-level ">=warning" --tag-display-limit 0 "$DEB" > build/lintian.txt 2>&1
lintian_status=$?
# One line per tag with its count; the full list stays in build/lintian.txt.
grep -E '^[EW]: ' build/lintian.txt | cut -d' ' -f1,3 | sort | uniq -c | sed 's/^/   /'
if [ "$lintian_status" = 0 ]; then ok "lintian: no errors (warnings above, full list in build/lintian.txt)"
else grep '^E: ' build/lintian.txt | sed 's/^/   /'; bad "lintian reports errors"; fi
took

# --- 3. the bundle itself ------------------------------------------------------------
step "Smoke run of the bundle (dist/dazi-reader/dazi-reader)"
if "$BASE_PY" packaging/smoke.py dist/dazi-reader/dazi-reader; then ok "bundle smoke run"
else bad "bundle smoke run"; fi
took

# --- 4. install ----------------------------------------------------------------------
step "Install $DEB"
if ! $SUDO dpkg -i "$DEB"; then
  echo "   dpkg -i stopped on missing dependencies: apt-get install -f"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -f -y -qq --no-install-recommends
fi
if [ "$(dpkg-query -W -f='${Status}' dazi-reader 2>/dev/null)" = "install ok installed" ]; then
  ok "installed"
else bad "installed"; finish; fi
FILES=$(mktemp)
dpkg -L dazi-reader > "$FILES"
for path in /opt/dazi-reader/dazi-reader /usr/bin/dazi-reader \
            /usr/share/applications/dazi-reader.desktop \
            /usr/share/icons/hicolor/scalable/apps/dazi-reader.svg \
            /usr/share/icons/hicolor/256x256/apps/dazi-reader.png \
            "/usr/share/metainfo/$APPSTREAM_ID.metainfo.xml" \
            /usr/share/doc/dazi-reader/copyright; do
  [ -e "$path" ] || missing="${missing:-}  $path"
done
if [ -z "${missing:-}" ]; then ok "menu entry, icons, metadata and launcher in place"
else bad "installed files missing:$missing"; fi
took

# --- 5. the installed program, from somewhere else -----------------------------------
step "Smoke run of the installed /usr/bin/dazi-reader"
if (cd /tmp && "$BASE_PY" "$REPO/packaging/smoke.py" /usr/bin/dazi-reader); then ok "installed smoke run"
else bad "installed smoke run"; fi
took

# --- 6. remove -----------------------------------------------------------------------
step "Remove (dpkg -r)"
$SUDO dpkg -r dazi-reader >/dev/null
status=$(dpkg-query -W -f='${Status}' dazi-reader 2>/dev/null || true)
case "$status" in
  ""|"unknown ok not-installed"|"deinstall ok not-installed") ok "package removed" ;;
  *) bad "package state after dpkg -r: $status" ;;
esac
left=""
while IFS= read -r path; do
  # Folders shared with other packages (/usr/share/icons/hicolor/...) stay, as they should.
  if [ -L "$path" ] || [ -f "$path" ]; then left="$left $path"; fi
done < "$FILES"
for dir in /opt/dazi-reader /usr/share/doc/dazi-reader; do
  [ -e "$dir" ] && left="$left $dir"
done
rm -f "$FILES"
if [ -z "$left" ]; then ok "nothing of the package left behind"
else bad "left behind after dpkg -r:$left"; fi
took

finish
