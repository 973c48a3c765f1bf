"""Writing files so that a crash or power cut never leaves a half-written one, and
keeping broken files aside instead of overwriting them.

Every file the program writes for people (settings, PIN, library index, articles)
goes through `atomic_write_bytes`: write a temp file in the same folder, flush and
fsync it, then `os.replace` it over the old one (atomic on POSIX and Windows), then
fsync the folder where that is possible.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from pathlib import Path


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_folder(path.parent)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; os.replace is still atomic there
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def set_aside(path: Path, copy: bool = False) -> Path:
    """Rename a broken file to `<name>.broken-<time>` so staff (or we) can look at it
    later, and return the new path. The original name is then free for defaults.
    `copy`: copy it instead, so the original stays until it is replaced atomically."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.broken-{stamp}-{counter}")
    if copy:
        shutil.copy2(path, target)
    else:
        os.replace(path, target)
    return target
