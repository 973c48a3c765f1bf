"""Find the program's shipped files (assets/, seeds/) the same way everywhere.

The user's layout keeps assets/ and seeds/ at the top of the repository, next to the
package. A PyInstaller bundle puts them next to the package too (under sys._MEIPASS),
so one rule covers a clone, an editable install and the frozen program; nothing is
looked up relative to the working directory.
"""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    """The folder that holds reader/, assets/ and seeds/."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def asset_path(*parts: str) -> Path:
    return app_root().joinpath("assets", *parts)


def seeds_dir() -> Path:
    return app_root() / "seeds"


def seed_files() -> list[Path]:
    return sorted(seeds_dir().glob("*.txt"))
