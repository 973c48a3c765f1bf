"""packaging/make_icons.py: the PNG and the Windows .ico rendered from an SVG."""

from __future__ import annotations

import struct
from pathlib import Path

from tests.packaging._load import load

# Red square with a white bar in the top-left quarter only: shows orientation.
SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
  <rect width="64" height="64" fill="#c00000"/>
  <rect x="4" y="4" width="24" height="24" fill="#ffffff"/>
</svg>"""


def _render(tmp_path: Path) -> dict[str, Path]:
    # Callers hold pytest-qt's `qapp` first: make_icons would otherwise create a bare
    # QGuiApplication, and widget tests later in the same run need a QApplication.
    svg = tmp_path / "app.svg"
    svg.write_text(SVG, "utf-8")
    return load("make_icons").make_icons(svg, tmp_path / "out")


def test_png_is_256_pixels(qapp: object, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    made = _render(tmp_path)
    image = QImage(str(made["png256"]))
    assert (image.width(), image.height()) == (256, 256)
    assert image.pixelColor(32, 32).name() == "#ffffff"  # top-left: the white bar
    assert image.pixelColor(200, 200).name() == "#c00000"
    assert made["svg"].read_text("utf-8") == SVG


def test_ico_holds_every_size_the_right_way_up(qapp: object, tmp_path: Path) -> None:
    from PySide6.QtGui import QImageReader

    ico = _render(tmp_path)["ico"]
    data = ico.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, height, _, _, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index)
        side = width or 256
        sizes.append(side)
        assert (width, planes, bits) == (height, 1, 32)
        entry = data[offset : offset + length]
        if side >= 256:
            assert entry[:8] == b"\x89PNG\r\n\x1a\n"
        else:  # BITMAPINFOHEADER, height doubled for the AND mask
            assert struct.unpack_from("<Iii", entry, 0) == (40, side, side * 2)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]

    # An independent reader (Qt's ICO plugin) decodes every entry, not upside down.
    reader = QImageReader(str(ico))
    assert reader.imageCount() == count
    for index in range(count):
        reader.jumpToImage(index)
        image = reader.read()
        side = image.width()
        assert image.pixelColor(side // 4, side // 4).name() == "#ffffff", side
        assert image.pixelColor(side // 4, side * 3 // 4).name() == "#c00000", side
