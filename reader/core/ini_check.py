"""Is an INI settings file readable and well formed?

QSettings reads almost anything without complaint (binary garbage becomes an empty
file, a broken value becomes a strange string), so the program checks the file itself
before trusting it: a broken file is moved aside and defaults are used, never a crash.
Qt-free so `doctor` can use it too.
"""

from __future__ import annotations

import re
from pathlib import Path

_SECTION = re.compile(r"^\[[^\[\]]+\]$")
_KEY = re.compile(r"^[^=\[\]]+=.*$")
MAX_BYTES = 1_000_000  # ours is a few hundred bytes; anything huge is not ours


def ini_problem(path: Path) -> str | None:
    """None when the file is absent or looks like a good INI file; otherwise a plain
    Chinese description of what is wrong with it."""
    if not path.exists():
        return None
    if path.is_dir():
        return "设置文件的位置上是一个文件夹。"
    try:
        data = path.read_bytes()
    except OSError as exc:
        return f"设置文件读不出来（{exc.strerror or exc}）。"
    if len(data) > MAX_BYTES:
        return "设置文件大得不正常。"
    if b"\x00" in data:
        return "设置文件里有乱码。"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "设置文件里有乱码（不是 UTF-8 文字）。"
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        if not (_SECTION.match(line) or _KEY.match(line)):
            return f"设置文件第 {number} 行看不懂：{line[:40]}"
    return None
