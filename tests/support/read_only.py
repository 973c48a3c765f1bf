"""A folder nobody can write into, for the full-or-read-only-disk tests.

Tests run as root on the build machines, and root ignores permission bits: there the
folder is made immutable (`chattr +i`, ext4/xfs/btrfs) instead. Either way the test
first checks that writing really fails, so it never passes by accident."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path


def _writable(folder: Path) -> bool:
    probe = folder / ".write-probe"
    try:
        probe.write_bytes(b"")
    except OSError:
        return False
    probe.unlink()
    return True


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    mode = folder.stat().st_mode
    folder.chmod(0o555)
    immutable = False
    try:
        if _writable(folder):  # root
            subprocess.run(["chattr", "+i", str(folder)], check=True, capture_output=True)
            immutable = True
        assert not _writable(folder), f"could not make {folder} read-only"
        yield folder
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True, capture_output=True)
        os.chmod(folder, mode)
