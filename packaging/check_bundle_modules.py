"""Fail the build when the program imports a module the bundle does not have.

    python packaging/check_bundle_modules.py build/pyinstaller/reader/warn-reader.txt

PyInstaller only warns about modules it cannot find (warn-reader.txt) and builds a
bundle that then fails when that import runs, e.g. a library someone started using
without adding it to pyproject.toml's dependencies (the build venv installs exactly
those). This reads the warnings and lists every missing module that one of the
program's own modules imports. Modules that exist only on another operating system
are left out, and so are "modules" that are names inside a package the bundle has.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# Imported by our code only on the platform that has them.
OTHER_PLATFORMS = {
    "win32": {"winreg", "msvcrt", "_winapi", "nt", "winsound", "pythoncom", "pywintypes",
              "comtypes", "win32api", "win32con", "win32gui", "win32com", "wmi"},
    "darwin": {"AppKit", "Foundation", "objc", "_scproxy"},
    "linux": {"fcntl", "termios", "grp", "pwd", "resource", "posix"},
}

LINE = re.compile(r"^missing module named (?P<name>\S+) - imported by (?P<by>.*)$")


def missing_for_the_program(warnings: str, platform: str = sys.platform) -> dict[str, list[str]]:
    """{missing module: [our modules that import it]}."""
    skip = set().union(*(names for plat, names in OTHER_PLATFORMS.items()
                         if not platform.startswith(plat)))
    found: dict[str, list[str]] = {}
    for line in warnings.splitlines():
        match = LINE.match(line.strip())
        if not match:
            continue
        name = match.group("name").strip("'")
        if name.split(".")[0] in skip:
            continue
        importers = [part.strip().split(" ")[0] for part in match.group("by").split(",")]
        ours = [m for m in importers if m == "reader" or m.startswith("reader.")]
        if ours:
            found[name] = ours
    # `from package import Name` of a class shows up as a missing module
    # "package.Name"; only a package that is missing as a whole is a real gap.
    return {name: by for name, by in found.items() if name.split(".")[0] in found}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    missing = missing_for_the_program(Path(argv[0]).read_text(encoding="utf-8"))
    if not missing:
        print("every module the program imports is in the bundle")
        return 0
    print("The bundle lacks modules the program imports (add the package to "
          "pyproject.toml's dependencies):", file=sys.stderr)
    for name, importers in sorted(missing.items()):
        print(f"  {name}  <- {', '.join(sorted(set(importers)))}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
