"""The real print path: Qt → CUPS → a cups-pdf virtual printer → a PDF we read back.

Needs root (to start cupsd and add a queue) and Debian's cups, cups-bsd and
printer-driver-cups-pdf. The queue renders with pdftocairo: with Debian's default
Ghostscript filter, CJK text comes out as Type 3 glyphs that no tool can read.
Skipped, with the reason, only where CUPS cannot be started.
"""

from __future__ import annotations

import contextlib
import os
import pwd
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

# A queue of this run's own: two test runs at once never remove each other's queue or
# read each other's PDFs (a PDF is matched to this queue's job by its number).
QUEUE = f"DaziReaderTestPDF_{os.getpid()}_{int(time.time())}"


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
                pytest.fail(f"cupsd 启动不了（退出码 {proc.poll()}）")
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
    if reason and os.name == "posix" and os.geteuid() == 0:
        pytest.fail(reason)  # as root, dev.sh has installed CUPS: its absence is a fault
    if reason:
        pytest.skip(reason)
    with _cupsd():
        models = [line.split()[0] for line in _run("lpinfo", "-m").stdout.splitlines()
                  if "cups-pdf" in line.lower()]  # fmt: skip
        if not models:
            pytest.fail("lpinfo -m 里没有 cups-pdf 的驱动")
        model = next((m for m in models if "_opt" in m), models[0])
        _run("lpadmin", "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-m", model)
        _run("lpadmin", "-p", QUEUE, "-o", "pdftops-renderer-default=pdftocairo")
        _run("cupsenable", QUEUE)
        _run("cupsaccept", QUEUE)
        try:
            yield QUEUE
        finally:
            _run("lpadmin", "-x", QUEUE, check=False)


OTHER = QUEUE.replace("PDF", "Other")  # a second queue: the staff's choice, or stopped, or refusing


@pytest.fixture()
def two_queues(cups_queue: str) -> Iterator[tuple[str, str]]:
    """`cups_queue` (the system default) and a second cups-pdf queue."""
    model = _run("lpoptions", "-p", cups_queue).stdout  # (the queue exists: CUPS runs)
    assert model
    models = [line.split()[0] for line in _run("lpinfo", "-m").stdout.splitlines()
              if "cups-pdf" in line.lower()]  # fmt: skip
    _run("lpadmin", "-p", OTHER, "-E", "-v", "cups-pdf:/", "-m",
         next((m for m in models if "_opt" in m), models[0]))  # fmt: skip
    _run("lpadmin", "-p", OTHER, "-o", "pdftops-renderer-default=pdftocairo")
    _run("lpadmin", "-d", cups_queue)
    try:
        yield cups_queue, OTHER
    finally:
        _run("lpadmin", "-x", OTHER, check=False)


def _job_owner_home() -> Path:
    """cups-pdf writes into the home folder the password database gives the job's
    owner, whatever $HOME says in this process."""
    return Path(pwd.getpwuid(os.getuid()).pw_dir)


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
    owner = pwd.getpwuid(os.getuid())
    home = str(_job_owner_home())
    return [Path(out.replace("${HOME}", home).replace("${USER}", owner.pw_name)),
            Path(anonymous)]


def _job_ids(queue: str) -> set[str]:
    """Numbers of every job this queue has had (done or not)."""
    listing = _run("lpstat", "-W", "all", "-o", queue, check=False).stdout
    return {line.split()[0].rsplit("-", 1)[1] for line in listing.splitlines()
            if line.startswith(f"{queue}-")}


def _wait_for_pdf(queue: str, jobs_before: set[str], timeout: float = 60) -> tuple[Path, str]:
    """The PDF cups-pdf made for this queue's new job (its name ends in job_<number>),
    and the job's number."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        new_jobs = _job_ids(queue) - jobs_before
        found = [(p, job) for d in _output_dirs() if d.is_dir() for job in new_jobs
                 for p in d.glob(f"*job_{job}.pdf")]
        if found:
            newest, job = max(found, key=lambda found: found[0].stat().st_mtime)
            size = newest.stat().st_size
            time.sleep(0.5)
            if size and newest.stat().st_size == size:  # finished writing
                return newest, job
        time.sleep(0.3)
    jobs = _run("lpstat", "-W", "all", "-o", queue, check=False).stdout
    raise AssertionError(f"cups-pdf wrote no PDF within {timeout} s; jobs: {jobs}")


@pytest.fixture(autouse=True)
def _fonts(qapp: object, pytestconfig: pytest.Config) -> None:
    use_persistent_font_cache(pytestconfig)


def _submitted_document(job: str) -> Path | None:
    """The file Qt handed to CUPS for this job (kept in the spool folder while the
    queue exists)."""
    spool = Path("/var/spool/cups") / f"d{int(job):05d}-001"
    return spool if spool.exists() else None


def _chinese(text: str) -> str:
    return "".join(ch for ch in text if ord(ch) >= 0x2E80)


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_print_card_through_cups(cups_queue: str, script: Script) -> None:
    assert cups_queue in printing.available_printers()  # Qt sees the queue through libcups
    card = sample_card()
    before = _job_ids(cups_queue)
    used = printing.print_card(card, printer_name=cups_queue, script=script)
    assert used == cups_queue
    pdf, job = _wait_for_pdf(cups_queue, before)
    sheet, pages = printing.card_pages(card, script=script)
    expected = squeeze("".join(page_text(page, sheet) for page in pages))

    # What the program sent is exactly the card, fonts embedded.
    submitted = _submitted_document(job)
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


DUPLEX = QUEUE.replace("PDF", "Duplex")  # a queue whose PPD offers two-sided printing
DUPLEX_OPTION = """*OpenUI *Duplex/Two-Sided: PickOne
*OrderDependency: 10 AnySetup *Duplex
*DefaultDuplex: None
*Duplex None/Off: "<</Duplex false>>setpagedevice"
*Duplex DuplexNoTumble/Long Edge: "<</Duplex true /Tumble false>>setpagedevice"
*Duplex DuplexTumble/Short Edge: "<</Duplex true /Tumble true>>setpagedevice"
*CloseUI: *Duplex

"""


def _job_sides(job: str) -> str:
    """The job's `sides` attribute as CUPS keeps it in the job's control file."""
    control = Path("/var/spool/cups") / f"c{int(job):05d}"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        data = control.read_bytes() if control.exists() else b""
        at = data.find(b"\x00\x05sides")  # IPP: name length, name, value length, value
        if at >= 0:
            start = at + 7
            length = int.from_bytes(data[start:start + 2], "big")
            return data[start + 2:start + 2 + length].decode()
        time.sleep(0.3)
    raise AssertionError(f"no sides attribute in {control}")


def test_a5_front_and_back_asks_a_duplex_printer_to_turn_the_paper(cups_queue: str,
                                                                  tmp_path: Path) -> None:
    ppd = Path(f"/etc/cups/ppd/{cups_queue}.ppd").read_text(encoding="latin-1")
    assert "*OpenUI *PageSize" in ppd and "*Duplex" not in ppd  # cups-pdf: one side only
    duplex_ppd = tmp_path / "duplex.ppd"
    duplex_ppd.write_text(ppd.replace("*OpenUI *PageSize", DUPLEX_OPTION + "*OpenUI *PageSize", 1),
                          encoding="latin-1")  # fmt: skip
    _run("lpadmin", "-p", DUPLEX, "-E", "-v", "cups-pdf:/", "-P", str(duplex_ppd))
    _run("lpadmin", "-p", DUPLEX, "-o", "pdftops-renderer-default=pdftocairo")
    try:
        assert printing.prints_both_sides(DUPLEX)
        assert not printing.prints_both_sides(cups_queue)
        card = sample_card()
        assert len(printing.card_pages(card, paper="A5")[1]) == 2
        # the duplex printer is asked for both sides; Qt asks the other for one side
        for queue, sides in ((DUPLEX, "two-sided-long-edge"), (cups_queue, "one-sided")):
            before = _job_ids(queue)
            printing.print_card(card, printer_name=queue, paper="A5")
            pdf, job = _wait_for_pdf(queue, before)
            width, height = page_size_pt(pdf)
            assert page_count(pdf) == 2 and abs(width - 420) <= 1 and height == 595  # A5
            assert _job_sides(job) == sides
    finally:
        _run("lpadmin", "-x", DUPLEX, check=False)


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


def _jobs_of(queue: str) -> str:
    return _run("lpstat", "-W", "all", "-o", queue, check=False).stdout


def test_a_stopped_queue_is_said_and_the_other_queue_is_not_used(
    two_queues: tuple[str, str],
) -> None:
    default, other = two_queues
    _run("cupsdisable", "-r", "test: stopped", other)
    before = _jobs_of(default)
    with pytest.raises(ReaderError) as caught:
        printing.print_card(sample_card(), printer_name=other)
    assert "暂停" in caught.value.message
    assert _jobs_of(default) == before  # never sent to another printer instead
    _run("cupsenable", other)


def test_a_queue_refusing_jobs_is_said_plainly(two_queues: tuple[str, str]) -> None:
    default, other = two_queues
    _run("cupsreject", "-r", "test: refusing", other)
    try:
        before = _jobs_of(default)
        with pytest.raises(ReaderError) as caught:
            printing.print_card(sample_card(), printer_name=other)
        assert "不接收" in caught.value.message and "PDF" in caught.value.message
        assert _jobs_of(default) == before
    finally:
        _run("cupsaccept", other)


def test_community_preview_prints_only_to_the_staffs_queue(
    qtbot: object, two_queues: tuple[str, str]
) -> None:
    from reader.ui.printing.preview import PrintPreview

    default, other = two_queues
    assert printing.default_printer() == default
    before = _job_ids(other)
    preview = PrintPreview(sample_card())
    preview.for_residents(other)  # staff chose the second queue
    preview.print_now()
    assert preview.message.text() == f"已经送到打印机“{other}”，请到打印机那里取。"
    pdf, _job = _wait_for_pdf(other, before)
    assert page_count(pdf) == 1
    # with no queue chosen, nothing is printed and the resident is sent to staff
    preview = PrintPreview(sample_card())
    preview.for_residents("")
    jobs = _jobs_of(default), _jobs_of(other)
    preview.print_now()
    assert "请找工作人员帮忙" in preview.message.text()
    assert (_jobs_of(default), _jobs_of(other)) == jobs


def test_the_check_page_through_cups(two_queues: tuple[str, str]) -> None:
    from reader.ui.printing.check_page import print_test_page

    _default, other = two_queues
    before = _job_ids(other)
    assert print_test_page(other) == other
    pdf, _job = _wait_for_pdf(other, before)
    # (cups-pdf's Ghostscript loses some Latin glyphs' Unicode, as above: the title and
    # the long Chinese sentence come through)
    assert page_count(pdf) == 1 and page_size_pt(pdf) == (595, 842)
    text = squeeze(pdf_text(pdf))
    assert text.startswith("打印测试页") and "政务服务便民热线" in text
