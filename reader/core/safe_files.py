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


def create_text_file(path: Path, text: str, replace_empty: bool = False) -> bool:
    """Write a new file atomically, never over one that has content: False when a file
    with content is already there (someone else made it first). `replace_empty`: a
    blank file counts as not there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temp_name, path)  # fails if the name exists: never overwrites
        except FileExistsError:
            if not (replace_empty and is_blank(path)):
                return False
            os.replace(temp_name, path)
        except OSError:  # a file system without hard links (FAT): check, then rename
            if path.exists() and not (replace_empty and is_blank(path)):
                return False
            os.replace(temp_name, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
    _fsync_folder(path.parent)
    return True


def is_blank(path: Path) -> bool:
    """A file with nothing but white space in it (or nothing at all)."""
    try:
        return path.is_file() and path.stat().st_size < 4096 and not path.read_bytes().strip()
    except OSError:
        return False


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; os.replace is still atomic there
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def set_aside(path: Path, copy: bool = False, why: str = "broken") -> Path:
    """Rename a file to `<name>.<why>-<time>` (a broken one, by default) so staff (or
    we) can look at it later, and return the new path. The original name is then free.
    `copy`: copy it instead, so the original stays until it is replaced atomically."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{why}-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.{why}-{stamp}-{counter}")
    if copy:
        shutil.copy2(path, target)
    else:
        os.replace(path, target)
    return target
