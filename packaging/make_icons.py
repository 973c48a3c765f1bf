"""Render the program's icon for the installers from its SVG.

    python packaging/make_icons.py [--svg assets/icons/app.svg] [--out build/icons]

writes, under --out:
  dazi-reader.svg        the SVG itself (hicolor "scalable" icon of the .deb)
  dazi-reader-256.png    256 x 256 (hicolor 256x256 icon, AppStream)
  app.ico                Windows icon (16-256 px) for the .exe, the shortcuts and the installer

Qt renders the SVG (the program already ships Qt, so the build needs nothing more).
Qt's ICO writer stores one size only, so the .ico container is written here: small
sizes as classic 32-bit bitmaps (every Windows version and NSIS read those), 256 px
as PNG, which is how Windows itself stores its large icons.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_IN_ICO_FROM = 256  # sizes from here up are stored as PNG inside the .ico


def render(svg: Path, size: int):  # -> QImage
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"图标文件无法读取：{svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit("无法生成 PNG 图标")
    buffer.close()
    return bytes(data.data())


def dib_bytes(image) -> bytes:
    """An ICO bitmap entry: BITMAPINFOHEADER with doubled height, BGRA rows bottom-up,
    then the 1-bit AND mask (all zero: the alpha channel decides transparency)."""
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    size = image.width()
    # Format_ARGB32 is stored as B, G, R, A bytes on little-endian machines: DIB order.
    rows = [bytes(image.constScanLine(y))[: size * 4] for y in range(size)]
    if sys.byteorder != "little":
        rows = [b"".join(row[i : i + 4][::-1] for i in range(0, len(row), 4)) for row in rows]
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    mask_row = bytes(((size + 31) // 32) * 4)
    return header + b"".join(reversed(rows)) + mask_row * size


def ico_bytes(images: dict[int, object]) -> bytes:
    entries = []
    for size in sorted(images):
        image = images[size]
        entries.append((size, png_bytes(image) if size >= PNG_IN_ICO_FROM else dib_bytes(image)))
    out = struct.pack("<HHH", 0, 1, len(entries))
    offset = 6 + 16 * len(entries)
    for size, data in entries:
        side = size if size < 256 else 0  # 0 means 256 in an ICO directory
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(data for _, data in entries)


def make_icons(svg: Path, out: Path) -> dict[str, Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([])  # SVG text needs fonts
    out.mkdir(parents=True, exist_ok=True)
    made = {
        "svg": out / "dazi-reader.svg",
        "png256": out / "dazi-reader-256.png",
        "ico": out / "app.ico",
    }
    shutil.copyfile(svg, made["svg"])
    made["png256"].write_bytes(png_bytes(render(svg, 256)))
    made["ico"].write_bytes(ico_bytes({size: render(svg, size) for size in ICO_SIZES}))
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="从 SVG 生成安装包用的图标")
    parser.add_argument("--svg", type=Path, default=ROOT / "assets" / "icons" / "app.svg")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "icons")
    args = parser.parse_args(argv)
    if not args.svg.is_file():
        print(f"错误：找不到程序图标 {args.svg}", file=sys.stderr)
        return 1
    for path in make_icons(args.svg, args.out).values():
        print(f"已生成 {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
