"""The font printed cards use, made so that text copied out of the PDF is the card's text.

Qt's PDF writer builds each embedded font's ToUnicode map from the font's cmap, taking
for each glyph the LOWEST code point that maps to it. Noto Sans CJK maps ~300 Kangxi
radical and radical-supplement code points (U+2E80–U+2FDF) and a few Extension A
characters to the very glyphs of common ideographs, so those win: 一 comes out as ⼀
(U+2F00), 胶 as 㬵. Its GSUB features (locl, liga, ccmp, calt) also swap in glyphs that
have no code point at all, so digits in Latin runs vanish from the text layer and ——
comes out as ⸺.

The fix is a derived font: the installed Noto Sans CJK SC / TC face, with the cmap
entries that would shadow the right code point removed and the GSUB table dropped
(every glyph drawn then comes straight from the cmap; the SC / TC face's cmap already
gives the regional forms, so nothing a card prints needs GSUB). Its family is renamed
("DaziPrint SC" / "DaziPrint TC"): with the original name Qt would keep using the
system copy. The font is built once per user into data_dir()/fonts (about 2 s per
face; Regular and Bold per script), or ahead of time into assets/fonts by packaging
(`python -m reader.ui.printing.font assets/fonts`). Noto CJK is under the SIL OFL, which
allows modified copies under a new name.

Without Noto CJK the cards print in another installed Chinese font (see FALLBACKS);
`doctor` says which.
"""

from __future__ import annotations

import argparse
import atexit
import hashlib
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader import paths
from reader.core.article import Script
from reader.resources import asset_path

# Bump when the derivation changes, so cached fonts are rebuilt.
BUILD_VERSION = 1
FAMILIES: dict[Script, str] = {"simplified": "DaziPrint SC", "traditional": "DaziPrint TC"}
WEIGHTS = ("Regular", "Bold")
_REGION: dict[Script, str] = {"simplified": "SC", "traditional": "TC"}

# Installed fonts to print with when the derived font cannot be made, best first.
# WenQuanYi Micro Hei was measured here (no radical aliases); Noto Sans CJK itself prints
# the right glyphs but some characters copy out of the PDF as radicals; the Windows and
# macOS ones were not measured.
FALLBACKS: dict[Script, tuple[str, ...]] = {
    "simplified": ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC"),
    "traditional": ("WenQuanYi Micro Hei", "Noto Sans CJK TC", "Microsoft JhengHei",
                    "PingFang TC"),
}

# Code points to keep when several map to one glyph (what Chinese text really uses).
_PREFERRED = {
    0x3000,  # ideographic space, not U+2003 em space
    0x2013,  # en dash, not U+2012 figure dash
    0xFF0F,  # fullwidth solidus, not U+2215 division slash
    0x3008, 0x3009,  # 〈 〉, not the deprecated U+2329 / U+232A
    0xFF5E,  # fullwidth tilde used in "9:00～17:00", not U+301C wave dash
}  # fmt: skip


@dataclass(frozen=True)
class FontSource:
    """One installed face to derive from."""

    path: Path
    face: int  # index in a .ttc, 0 for .otf
    script: Script
    weight: str  # "Regular" or "Bold"

    def cache_name(self) -> str:
        stat = self.path.stat()
        key = f"{BUILD_VERSION}|{self.path}|{self.face}|{stat.st_size}|{stat.st_mtime_ns}"
        digest = hashlib.sha1(key.encode()).hexdigest()[:10]
        return f"{file_stem(self.script, self.weight)}-{digest}.otf"


def file_stem(script: Script, weight: str) -> str:
    return f"DaziPrint{_REGION[script]}-{weight}"


def _rank(cp: int) -> int:
    """0: what text uses; 1: rarer ideographs; 2: radicals, strokes, symbols."""
    if 0x4E00 <= cp <= 0x9FFF or cp in _PREFERRED:
        return 0
    if 0x3400 <= cp <= 0x4DBF or (0x20000 <= cp <= 0x3FFFF and not 0x2F800 <= cp <= 0x2FA1F):
        return 1
    return 2


def shadowing_code_points(cmap: dict[int, str]) -> set[int]:
    """Code points that would win the lowest-code-point rule over the right one for
    their glyph (⼀ over 一, 㬵 over 胶, em space over ideographic space)."""
    by_glyph: dict[str, list[int]] = {}
    for cp, glyph in cmap.items():
        by_glyph.setdefault(glyph, []).append(cp)
    drop: set[int] = set()
    for cps in by_glyph.values():
        if len(cps) > 1:
            best = min(cps, key=lambda c: (_rank(c), c))
            drop.update(c for c in cps if c < best)
    return drop


def build_print_font(source: FontSource, out: Path) -> Path:
    """Write the derived face for `source` to `out` (atomically)."""
    from fontTools.ttLib import TTFont

    # Bounding boxes are unchanged; recalculating them would draw all 65,535 glyphs (25 s).
    font = TTFont(
        str(source.path), fontNumber=source.face, lazy=True,
        recalcBBoxes=False, recalcTimestamp=False,
    )  # fmt: skip
    drop = shadowing_code_points(font.getBestCmap())
    for table in font["cmap"].tables:
        if table.isUnicode():
            for cp in drop:
                table.cmap.pop(cp, None)
    if "GSUB" in font:
        del font["GSUB"]
    _rename(font, FAMILIES[source.script], source.weight)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        font.save(str(tmp))
        os.replace(tmp, out)  # another copy of the program may build the same file
    finally:
        tmp.unlink(missing_ok=True)
    return out


def _rename(font: object, family: str, weight: str) -> None:
    name = font["name"]  # type: ignore[index]
    postscript = f"{family.replace(' ', '')}-{weight}"
    full = family if weight == "Regular" else f"{family} {weight}"
    # Typographic and localized names would still say "Noto Sans CJK"/"思源黑体"; Qt
    # prefers them, so drop them and set plain family/style names only.
    name.names = [r for r in name.names if r.nameID not in (1, 2, 3, 4, 6, 16, 17, 21, 22)]
    for name_id, value in ((1, family), (2, weight), (3, f"{postscript};dazi{BUILD_VERSION}"),
                           (4, full), (6, postscript)):  # fmt: skip
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)


# ---- finding installed sources ------------------------------------------------------------


def _font_dirs() -> list[Path]:
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library/Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
            home / ".local/share/fonts", home / ".fonts"]  # fmt: skip


def _candidate_names(script: Script, weight: str) -> list[tuple[str, str]]:
    """(file name, family name inside it): Noto Sans CJK as one .ttc or per region."""
    region = _REGION[script]
    return [
        (f"NotoSansCJK-{weight}.ttc", f"Noto Sans CJK {region}"),
        (f"NotoSansCJK{region.lower()}-{weight}.otf", f"Noto Sans CJK {region}"),
        (f"SourceHanSans-{weight}.ttc", f"Source Han Sans {region}"),
        (f"SourceHanSans{region}-{weight}.otf", f"Source Han Sans {region}"),
    ]


def _walk(dirs: list[Path]) -> Iterator[Path]:
    for top in dirs:
        if top.is_dir():
            for root, _dirs, files in os.walk(top):
                for name in files:
                    yield Path(root) / name


def find_source(script: Script, weight: str, dirs: list[Path] | None = None) -> FontSource | None:
    """The installed Noto Sans CJK (or Source Han Sans) face for `script`, if any."""
    wanted = dict(_candidate_names(script, weight))
    files = {p.name: p for p in _walk(dirs if dirs is not None else _font_dirs())
             if p.name in wanted}  # fmt: skip
    for file_name, family in _candidate_names(script, weight):
        path = files.get(file_name)
        if path is None:
            continue
        face = _face_index(path, family)
        if face is not None:
            return FontSource(path, face, script, weight)
    return None


def _face_index(path: Path, family: str) -> int | None:
    from fontTools.ttLib import TTCollection, TTFont

    try:
        if path.suffix.lower() == ".ttc":
            faces = TTCollection(str(path), lazy=True).fonts
        else:
            faces = [TTFont(str(path), lazy=True)]
        for index, face in enumerate(faces):
            if face["name"].getDebugName(1) == family:
                return index
    except Exception:  # an unreadable font file is simply not a source
        return None
    return None


# ---- the built files ----------------------------------------------------------------------


def bundled_font(script: Script, weight: str) -> Path | None:
    """A face built at packaging time into assets/fonts, if this copy ships one."""
    path = asset_path("fonts", f"{file_stem(script, weight)}.otf")
    return path if path.is_file() else None


def cache_dir() -> Path:
    return paths.data_dir() / "fonts"


def cached_font(source: FontSource) -> Path:
    return cache_dir() / source.cache_name()


def font_file(script: Script, weight: str, build: bool = True) -> Path | None:
    """The derived face's file: shipped, cached, or (if `build`) built now. None when no
    Noto Sans CJK is installed (or, with build=False, when it is not built yet)."""
    shipped = bundled_font(script, weight)
    if shipped:
        return shipped
    source = find_source(script, weight)
    if source is None:
        return None
    path = cached_font(source)
    if path.is_file():
        return path
    if not build:
        return None
    _remove_stale(script, weight, keep=path.name)
    return build_print_font(source, path)


def _remove_stale(script: Script, weight: str, keep: str) -> None:
    """Old builds (older BUILD_VERSION or an updated system font) are 16 MB each."""
    for old in cache_dir().glob(f"{file_stem(script, weight)}-*.otf"):
        if old.name != keep:
            old.unlink(missing_ok=True)


def build_all(out_dir: Path) -> list[Path]:
    """Packaging: build every face into `out_dir` under its plain name."""
    built = []
    for script in FAMILIES:
        for weight in WEIGHTS:
            source = find_source(script, weight)
            if source is None:
                raise SystemExit(
                    f"找不到 Noto Sans CJK（{script} {weight}）：请先安装 fonts-noto-cjk"
                )
            built.append(build_print_font(source, out_dir / f"{file_stem(script, weight)}.otf"))
    return built


_builder: subprocess.Popen[bytes] | None = None


def start_background_build(scripts: tuple[Script, ...] = ("simplified", "traditional")) -> None:
    """Build missing faces in a separate process, so the first print preview does not
    wait ~2 s per face. A process, not a thread: fontTools holds ~120 MB while it works
    (a window that runs all day would keep that for good) and its pure-Python work
    would hold the GIL and stall the window (measured in the soak: 160 → 280 MB, stalls
    of 200–400 ms). The files are written atomically, so stopping it is always safe.
    Safe to call more than once."""
    global _builder
    if _builder is not None and _builder.poll() is None:
        return
    if getattr(sys, "frozen", False):
        command = [sys.executable]
    else:
        command = [sys.executable, "-m", "reader"]
    try:
        _builder = subprocess.Popen(
            [*command, "build-print-font", *scripts],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    except OSError:
        return  # printing builds the font itself, and says why if it must
    atexit.register(stop_background_build)


def building() -> bool:
    """The background build (start_background_build) is still running."""
    return _builder is not None and _builder.poll() is None


def ready(script: Script) -> bool:
    """Printing in `script` would not have to build a face first (it is built, shipped
    or already in use; or there is no Noto Sans CJK to build from, so a fallback is
    used). For the window: a build in the window's own thread would freeze it."""
    if script in _registered:
        return True
    return all(font_file(script, weight, build=False) or find_source(script, weight) is None
               for weight in WEIGHTS)


def stop_background_build() -> None:
    if _builder is not None and _builder.poll() is None:
        _builder.kill()
        _builder.wait()


def cmd_build(args: argparse.Namespace) -> int:
    """`python -m reader build-print-font [SCRIPT…]`: build the missing faces now
    (what start_background_build runs; no Qt is loaded)."""
    scripts: list[Script] = [s for s in ("simplified", "traditional") if s in args.scripts]
    for script in scripts or ["simplified", "traditional"]:
        for weight in WEIGHTS:
            try:
                font_file(script, weight)
            except Exception as exc:  # printing tries again, and says why, if it must
                print(f"{script} {weight}: {exc}", file=sys.stderr)
                return 1
    return 0


# ---- Qt: registering the faces ------------------------------------------------------------


@dataclass(frozen=True)
class PrintFamily:
    family: str  # the family name to put in the print HTML
    fixed: bool  # True: the derived font, whose copied text is known to be right
    note: str  # plain Chinese, for doctor and logs


_registered: dict[Script, PrintFamily] = {}
_lock = threading.Lock()


def print_family(script: Script) -> PrintFamily:
    """Register (building on first use) the derived faces with Qt and name the family;
    falls back to an installed Chinese font. Needs a QGuiApplication."""
    with _lock:
        if script not in _registered:
            _registered[script] = _load_family(script)
        return _registered[script]


def _load_family(script: Script) -> PrintFamily:
    from PySide6.QtGui import QFontDatabase

    family = FAMILIES[script]
    files = [font_file(script, weight) for weight in WEIGHTS]
    if all(files):
        loaded = [QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(f)))
                  for f in files if f]  # fmt: skip
        if all(family in names for names in loaded):
            return PrintFamily(family, True, f"{family}（由 Noto Sans CJK 生成，复制出的文字正确）")
    installed = set(QFontDatabase.families())
    for fallback in FALLBACKS[script]:
        if fallback in installed:
            note = f"没有找到 Noto Sans CJK {_REGION[script]}，改用 {fallback}"
            if fallback.startswith("Noto"):
                note = (f"打印专用字体没能生成，直接用 {fallback}"
                        "（印出来正确；从 PDF 复制出的个别字可能变成偏旁部首）")
            elif fallback.startswith("WenQuanYi"):
                note += "（复制出的文字正确，但字形不分简繁；装 fonts-noto-cjk 更好）"
            else:
                note += "（复制出的文字没有检查过）"
            return PrintFamily(fallback, False, note)
    return PrintFamily("", False, "没有找到中文字体，打印出来可能是方块；请安装 fonts-noto-cjk")


def status(script: Script) -> PrintFamily:
    """What printing would use, without building anything (for doctor)."""
    if all(font_file(script, weight, build=False) for weight in WEIGHTS):
        note = f"{FAMILIES[script]}（已生成，复制出的文字正确）"
        return PrintFamily(FAMILIES[script], True, note)
    if all(find_source(script, weight) for weight in WEIGHTS):
        return PrintFamily(FAMILIES[script], True,
                           f"{FAMILIES[script]}（第一次打印时由 Noto Sans CJK 生成，约需几秒）")
    return PrintFamily("", False, f"没有找到 Noto Sans CJK {_REGION[script]}")


if __name__ == "__main__":
    for made in build_all(Path(sys.argv[1] if len(sys.argv) > 1 else "assets/fonts")):
        print(made)
