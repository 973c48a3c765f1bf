"""Smoke run of a built program from outside the source tree (Linux and Windows):

    python3 packaging/smoke.py dist/dazi-reader/dazi-reader          (the bundle)
    python3 packaging/smoke.py /usr/bin/dazi-reader                  (the installed .deb)
    python packaging/smoke.py dist\\dazi-reader\\dazi-reader-cli.exe  (Windows)

Runs doctor, article, convert, card --pdf, speak --wav and screenshot in an empty temp
folder with its own settings folders, and checks what each one produced. On Linux it
then opens the real window on a virtual X screen (Qt's xcb platform, as on a desktop).
Prints one line per check and "N passed, M failed"; exit status 1 if any failed.
Standard library only: it runs with any Python 3.11, beside the program it checks.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

CHINESE = re.compile(r"[\u4e00-\u9fff]")
TIMEOUT_S = 120


class Smoke:
    def __init__(self, program: Path, work: Path) -> None:
        self.program = program
        self.work = work
        self.passed = 0
        self.failed = 0
        # The program's own folders for this run only; nothing of the caller's is touched.
        self.env = {
            **os.environ,
            "HOME": str(work / "home"),
            "XDG_CONFIG_HOME": str(work / "home" / ".config"),
            "XDG_DATA_HOME": str(work / "home" / ".local" / "share"),
            "APPDATA": str(work / "home" / "AppData" / "Roaming"),
            "QT_QPA_PLATFORM": "offscreen",  # the command-line commands need no screen
        }
        # Shipped files, found inside the program's own folder (proves they were packed).
        internal = program.resolve().parent / "_internal"
        self.seeds = sorted((internal / "seeds").glob("*.txt"))
        self.cards = sorted((internal / "assets" / "cards").glob("*"))

    def run(self, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([str(self.program), *args], input=stdin, capture_output=True,
                              cwd=self.work, env=self.env, timeout=TIMEOUT_S, check=False)

    def check(self, name: str, test: Callable[[], str | None]) -> None:
        """`test` returns None when all is well, else what went wrong."""
        try:
            problem = test()
        except Exception as exc:  # a crash of one check must not stop the others
            problem = f"{type(exc).__name__}: {exc}"
        if problem is None:
            self.passed += 1
            print(f"PASS  {name}")
        else:
            self.failed += 1
            print(f"FAIL  {name}")
            for line in problem.strip().splitlines()[-12:]:
                print(f"      | {line}")


def _why(result: subprocess.CompletedProcess[bytes]) -> str:
    out = (result.stdout + result.stderr).decode("utf-8", "replace")
    return f"exit status {result.returncode}\n{out}"


def doctor(s: Smoke) -> str | None:
    """The checklist says the program can run, and the frozen speech worker (a child
    process started through multiprocessing's freeze_support) really starts."""
    result = s.run("doctor")
    text = result.stdout.decode("utf-8", "replace")
    if result.returncode != 0 or "结论：可以使用" not in text:
        return _why(result)
    if "[OK  ] 朗读：后台朗读程序：能启动" not in text:
        return "the speech worker did not start from the bundle\n" + _why(result)
    return None


def article(s: Smoke) -> str | None:
    if not s.seeds:
        return "no seed article inside the program"
    result = s.run("article", str(s.seeds[0]))
    lines = [ln for ln in result.stdout.decode("utf-8", "replace").splitlines() if ln.strip()]
    if result.returncode != 0 or len(lines) < 5 or not CHINESE.search(lines[0]):
        return _why(result)
    return None


def convert(to: str, text: str, expected: str) -> Callable[[Smoke], str | None]:
    """OpenCC's dictionaries are inside (phrase-level: 发育 -> 發育, not 髮育)."""
    def test(s: Smoke) -> str | None:
        result = s.run("convert", "--to", to, stdin=text.encode("utf-8"))
        got = result.stdout.decode("utf-8", "replace")
        return None if got == expected else f"got {got!r}\n{_why(result)}"
    return test


def import_and_list(s: Smoke) -> str | None:
    """An article added to the library (under its lock) and listed from it."""
    source = s.work / "通知.txt"
    source.write_text("社区食堂开门了\n\n社区食堂从下周一开门，老人吃饭打八折。"
                      "每天中午十一点到一点供应午饭，欢迎大家来吃。\n", encoding="utf-8")
    added = s.run("import", str(source))
    if added.returncode != 0:
        return _why(added)
    listed = s.run("library")
    if listed.returncode != 0 or "社区食堂开门了" not in listed.stdout.decode("utf-8", "replace"):
        return _why(listed)
    return None


def card_pdf(s: Smoke) -> str | None:
    if not s.cards:
        return "no card inside the program"
    pdf = s.work / "card.pdf"
    result = s.run("card", s.cards[0].stem, "--pdf", str(pdf))
    if result.returncode != 0 or not pdf.is_file() or pdf.read_bytes()[:5] != b"%PDF-":
        return _why(result)
    if shutil.which("pdftotext"):  # the card's Chinese text is really in the PDF
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                              timeout=TIMEOUT_S, check=False).stdout.decode("utf-8", "replace")
        if not CHINESE.search(text):
            return "the PDF has no Chinese text layer"
    return None


def speak_wav(s: Smoke) -> str | None:
    wav = s.work / "speech.wav"
    result = s.run("speak", "--wav", str(wav), "你好，今天的新闻。")
    if result.returncode != 0 or not wav.is_file():
        return _why(result)
    data = wav.read_bytes()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE" or len(data) < 8000:
        return f"not a WAV with sound in it ({len(data)} bytes)"
    return None


def screenshot(s: Smoke) -> str | None:
    png = s.work / "shot.png"
    result = s.run("screenshot", str(png), "--size", "1024x600")
    if result.returncode != 0 or not png.is_file():
        return _why(result)
    data = png.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return None if (width, height) == (1024, 600) else f"PNG is {width}x{height}"


def x11_window(s: Smoke) -> str | None:
    """Qt's xcb platform loads with the system's libraries (the .deb's Depends) and the
    window stays open until closed."""
    if not shutil.which("xvfb-run"):
        return "xvfb-run missing (apt-get install xvfb xauth)"
    env = {k: v for k, v in s.env.items() if k != "QT_QPA_PLATFORM"}
    log = s.work / "window-stderr.txt"
    script = ('"$1" 2> "$2" & pid=$!; sleep 6; '
              'if kill -0 $pid 2>/dev/null; then kill $pid; wait $pid; exit 0; fi; exit 1')
    result = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "sh", "-c", script,
                             "sh", str(s.program), str(log)], cwd=s.work, env=env,
                            capture_output=True, timeout=TIMEOUT_S, check=False)
    errors = log.read_text("utf-8", "replace") if log.is_file() else ""
    if result.returncode != 0 or "Could not load the Qt platform plugin" in errors:
        return f"the window did not stay open\n{errors}"
    return None


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    program = Path(argv[0]).absolute()
    if not program.is_file():
        print(f"no such program: {program}", file=sys.stderr)
        return 2
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="dazi-smoke-") as scratch:
        s = Smoke(program, Path(scratch))
        (Path(scratch) / "home").mkdir()
        s.check("doctor", lambda: doctor(s))
        s.check("article (a shipped seed)", lambda: article(s))
        s.check("convert --to traditional",
                lambda: convert("traditional", "简体中文，发育。", "簡體中文，發育。")(s))
        s.check("convert --to simplified", lambda: convert("simplified", "簡體中文", "简体中文")(s))
        s.check("import, then library", lambda: import_and_list(s))
        s.check("card --pdf", lambda: card_pdf(s))
        s.check("speak --wav", lambda: speak_wav(s))
        s.check("screenshot", lambda: screenshot(s))
        if sys.platform.startswith("linux"):
            s.check("window opens on X11 (xcb)", lambda: x11_window(s))
    print(f"({time.monotonic() - start:.0f} s)")
    print(f"{s.passed} passed, {s.failed} failed")
    return 0 if s.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
