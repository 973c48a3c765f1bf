"""Read PDFs the way a person's tools do (poppler-utils: pdfinfo, pdffonts, pdftotext)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdf_info(path: Path) -> dict[str, str]:
    info = {}
    for line in _run("pdfinfo", str(path)).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def page_count(path: Path) -> int:
    return int(pdf_info(path)["Pages"])


def page_size_pt(path: Path) -> tuple[int, int]:
    match = re.match(r"([\d.]+) x ([\d.]+) pts", pdf_info(path)["Page size"])
    assert match, pdf_info(path)
    return round(float(match.group(1))), round(float(match.group(2)))


@dataclass(frozen=True)
class PdfFont:
    name: str
    type: str
    embedded: bool
    has_unicode_map: bool


def pdf_fonts(path: Path) -> list[PdfFont]:
    fonts = []
    for line in _run("pdffonts", str(path)).splitlines()[2:]:
        # name (may be "[none]"), type (several words), encoding, emb, sub, uni, object, gen
        parts = line.split()
        emb, _sub, uni = parts[-5], parts[-4], parts[-3]
        fonts.append(PdfFont(parts[0], " ".join(parts[1:-6]), emb == "yes", uni == "yes"))
    return fonts


def pdf_text(path: Path, page: int | None = None) -> str:
    """The text layer in content order (-raw), of one page (1-based) or all."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return _run("pdftotext", "-raw", "-enc", "UTF-8", *pages, str(path), "-")


def squeeze(text: str) -> str:
    return "".join(text.split())


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def cjk_size(self) -> float | None:
        """Point size from the advance: full-width glyphs are exactly 1 em wide."""
        if not self.text or any(unicodedata.east_asian_width(c) not in "WF" for c in self.text):
            return None
        return (self.x1 - self.x0) / len(self.text)


def pdf_words(path: Path) -> list[Word]:
    xml = _run("pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-")
    root = ET.fromstring(xml)
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    words = []
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        for word in page.findall("x:word", ns):
            words.append(Word(number, float(word.get("xMin", 0)), float(word.get("yMin", 0)),
                              float(word.get("xMax", 0)), float(word.get("yMax", 0)),
                              word.text or ""))  # fmt: skip
    return words


def line_height_ratio(words: list[Word]) -> float:
    """Box height per point of size, from the CJK words (the font's ascent + descent)."""
    ratios = [w.height / size for w in words if (size := w.cjk_size())]
    assert ratios, "no CJK words to calibrate with"
    return sorted(ratios)[len(ratios) // 2]


def size_of(word: Word, ratio: float) -> float:
    """Point size of any word (digits too), from its box height."""
    return word.cjk_size() or word.height / ratio


RADICALS = re.compile("[\u2e80-\u2fdf\u31c0-\u31ef]")
