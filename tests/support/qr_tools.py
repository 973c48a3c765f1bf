"""Read QR codes the way a phone does, with a real decoder (zbarimg, Debian zbar-tools)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def decode_image(path: Path) -> str:
    """The text of the one QR code in the picture (UTF-8)."""
    assert shutil.which("zbarimg"), "zbarimg missing: dev.sh installs zbar-tools"
    out = subprocess.run(["zbarimg", "--quiet", "--raw", str(path)],
                         capture_output=True, check=True)  # fmt: skip
    return out.stdout.decode("utf-8")


def decode_pdf_page(pdf: Path, folder: Path, page: int = 1) -> str:
    """Render the page at 150 dpi (an office scanner's resolution) and read its code."""
    stem = folder / f"page{page}"
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(stem)], check=True)  # fmt: skip
    return decode_image(Path(f"{stem}.png"))


def vcard_fields(vcard: str) -> dict[str, list[str]]:
    """Property name -> its values, in order (TEL may come more than once)."""
    found: dict[str, list[str]] = {}
    for line in vcard.replace("\r\n", "\n").splitlines():
        key, _, value = line.partition(":")
        found.setdefault(key, []).append(value)
    return found
