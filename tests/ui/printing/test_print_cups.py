"""The real print path: Qt → CUPS → a cups-pdf virtual printer → a PDF we read back.

Needs root (to start cupsd and add a queue) and Debian's cups, cups-bsd and
printer-driver-cups-pdf. The queue renders with pdftocairo: with Debian's default
Ghostscript filter, CJK text comes out as Type 3 glyphs that no tool can read.
Skipped, with the reason, only where CUPS cannot be started.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.article import Script
from reader.core.errors import ReaderError
from reader.core.script import convert
from reader.ui.printing import output as printing
from reader.ui.printing.layout import page_text
from tests.support.pdf_tools import RADICALS, page_count, page_size_pt, pdf_fonts, pdf_text, squeeze
from tests.support.print_fixtures import sample_card, use_persistent_font_cache

QUEUE = "DaziReaderTestPDF"


def _run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=30, check=check)


def _scheduler_running() -> bool:
    return shutil.which("lpstat") is not None and "is running" in _run("lpstat", "-r",
                                                                       check=False).stdout


def _why_cups_cannot_run() -> str | None:
    if os.name != "posix" or os.geteuid() != 0:
        return "CUPS 测试要用 root 启动 cupsd 和添加打印队列"
    missing = [tool for tool in ("cupsd", "lpadmin", "lpstat", "lpinfo") if not shutil.which(tool)]
    if missing:
        return f"没有安装 CUPS（缺 {' '.join(missing)}；apt-get install cups cups-bsd)"
    if not Path("/usr/lib/cups/backend/cups-pdf").exists():
        return "没有安装 cups-pdf 虚拟打印机（apt-get install printer-driver-cups-pdf）"
    return None


@contextlib.contextmanager
def _cupsd() -> Iterator[None]:
    """A running scheduler: the one already there, or one started (and stopped) here."""
    if _scheduler_running():
        yield
        return
    Path("/run/cups").mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(["cupsd", "-f"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while not _scheduler_running():
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.skip(f"cupsd 启动不了（退出码 {proc.poll()}）")
            time.sleep(0.2)
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def cups_queue() -> Iterator[str]:
    reason = _why_cups_cannot_run()
    if reason:
        pytest.skip(reason)
    with _cupsd():
        models = [line.split()[0] for line in _run("lpinfo", "-m").stdout.splitlines()
                  if "cups-pdf" in line.lower()]  # fmt: skip
        if not models:
            pytest.skip("lpinfo -m 里没有 cups-pdf 的驱动")
        model = next((m for m in models if "_opt" in m), models[0])
        _run("lpadmin", "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-m", model)
        _run("lpadmin", "-p", QUEUE, "-o", "pdftops-renderer-default=pdftocairo")
        _run("cupsenable", QUEUE)
        _run("cupsaccept", QUEUE)
        try:
            yield QUEUE
        finally:
            _run("lpadmin", "-x", QUEUE, check=False)


def _output_dirs() -> list[Path]:
    """Where cups-pdf writes: `Out` in its config (default ~/PDF of the job's owner),
    or the anonymous folder."""
    out = "${HOME}/PDF"
    anonymous = "/var/spool/cups-pdf/ANONYMOUS"
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.exists():
        for line in conf.read_text(errors="replace").splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "Out":
                out = parts[1]
            if len(parts) == 2 and parts[0] == "AnonDirName":
                anonymous = parts[1]
    home = str(Path.home())
    user = os.environ.get("USER", "root")
    return [Path(out.replace("${HOME}", home).replace("${USER}", user)), Path(anonymous)]


def _pdfs() -> set[Path]:
    return {p for d in _output_dirs() if d.is_dir() for p in d.glob("*.pdf")}


def _wait_for_new_pdf(before: set[Path], timeout: float = 60) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = _pdfs() - before
        if found:
            newest = max(found, key=lambda p: p.stat().st_mtime)
            size = newest.stat().st_size
            time.sleep(0.5)
            if size and newest.stat().st_size == size:  # finished writing
                return newest
        time.sleep(0.3)
    jobs = _run("lpstat", "-W", "all", "-o", QUEUE, check=False).stdout
    raise AssertionError(f"cups-pdf wrote no PDF within {timeout} s; jobs: {jobs}")


@pytest.fixture(autouse=True)
def _fonts(qapp: object, pytestconfig: pytest.Config) -> None:
    use_persistent_font_cache(pytestconfig)


def _submitted_document(since: float) -> Path | None:
    """The file Qt handed to CUPS (kept in the spool folder while the queue exists)."""
    spool = Path("/var/spool/cups")
    found = [p for p in spool.glob("d*-001") if p.stat().st_mtime >= since]  # newest: ours
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


def _chinese(text: str) -> str:
    return "".join(ch for ch in text if ord(ch) >= 0x2E80)


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_print_card_through_cups(cups_queue: str, script: Script) -> None:
    assert cups_queue in printing.available_printers()  # Qt sees the queue through libcups
    card = sample_card()
    before, since = _pdfs(), time.time() - 1
    used = printing.print_card(card, printer_name=cups_queue, script=script)
    assert used == cups_queue
    pdf = _wait_for_new_pdf(before)
    sheet, pages = printing.card_pages(card, script=script)
    expected = squeeze("".join(page_text(page, sheet) for page in pages))

    # What the program sent is exactly the card, fonts embedded.
    submitted = _submitted_document(since)
    assert submitted is not None, "CUPS kept no job file (PreserveJobFiles off?)"
    assert submitted.read_bytes()[:5] == b"%PDF-"
    assert squeeze(pdf_text(submitted)) == expected
    assert all(f.embedded for f in pdf_fonts(submitted))

    # What came out of the printer: every page, A4, real fonts, and the card's text.
    assert page_count(pdf) == len(pages)
    assert page_size_pt(pdf) == (595, 842)
    assert any(f.embedded and f.has_unicode_map and "DaziPrint" in f.name for f in pdf_fonts(pdf))
    text = squeeze(pdf_text(pdf))
    assert not RADICALS.findall(text)
    # cups-pdf re-makes the PDF with Ghostscript, which loses the Unicode of the bold
    # digits (the big phone numbers) and of —— in its text layer, though both print;
    # all the Chinese text and the regular-weight digits must come through intact.
    assert _chinese(text) == _chinese(expected)
    for sample in ("Tel0571-12345", "9:00～17:00", "2026年11月23日"):
        assert sample in text
    assert convert("以当地最新规定为准", script) in text


def test_paused_printer_gives_a_plain_message(cups_queue: str) -> None:
    _run("cupsdisable", "-r", "test: paused", cups_queue)
    try:
        with pytest.raises(ReaderError) as caught:
            printing.print_card(sample_card(), printer_name=cups_queue)
        assert "暂停" in caught.value.message and "PDF" in caught.value.message
    finally:
        _run("cupsenable", cups_queue)


def test_no_such_queue_is_refused(cups_queue: str) -> None:
    with pytest.raises(ReaderError) as caught:
        printing.print_card(sample_card(), printer_name=cups_queue + "Gone")
    assert cups_queue in caught.value.message  # names the printers that do exist
