"""Entry point of the bundled program (PyInstaller runs this file as __main__).

It is packaging/launcher.py rather than reader/__main__.py because PyInstaller puts
the entry script's folder on the import path: reader/ there would make `core`, `ui`
... importable as top-level modules. The work itself is reader.cli.main, exactly as
`python -m reader` runs it.
"""

from __future__ import annotations

import multiprocessing
import os
import sys


def _give_windowed_program_a_stdout() -> None:
    """A Windows program built without a console has sys.stdout/stderr set to None;
    the first print() would then crash it. Send that output nowhere instead (errors
    still reach the program's own log through reader's error handling)."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))


def main() -> int:
    # The speech worker is a child process: a frozen program must hand control to it
    # here before anything else runs (a no-op when this is not a child).
    multiprocessing.freeze_support()
    _give_windowed_program_a_stdout()
    from reader.cli import main as reader_main

    return reader_main()


if __name__ == "__main__":
    sys.exit(main())
