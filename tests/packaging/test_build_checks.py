"""The build's own checks: Depends against linked libraries, modules missing from the
bundle."""

from __future__ import annotations

from tests.packaging._load import PACKAGING, load

DECLARED = ["libc6 (>= 2.35)", "libglib2.0-0", "fonts-noto-cjk | fonts-wqy-microhei", "libxcb1"]


def test_what_the_bundle_links_to_must_be_declared() -> None:
    check = load("check_depends")
    needed = ["libc6 (>= 2.34)", "libglib2.0-0t64 (>= 2.80)", "libxcb1 (>= 1.8)"]
    assert check.problems(needed, DECLARED) == []
    missing = check.problems([*needed, "libcups2 (>= 1.6.0)"], DECLARED)
    assert missing == ["missing from depends.txt: libcups2 (>= 1.6.0)"]


def test_a_newer_glibc_than_declared_is_a_problem() -> None:
    check = load("check_depends")
    found = check.problems(["libc6 (>= 2.38)"], DECLARED)
    assert len(found) == 1 and "libc6 (>= 2.38)" in found[0]
    assert check.problems(["libc6 (>= 2.9)"], DECLARED) == []  # 2.9 < 2.35, not as text


def test_a_library_marked_if_linked_is_a_dependency_only_where_the_bundle_links_it() -> None:
    check = load("check_depends")
    declared = [*DECLARED, "libmpdec3 [if linked]"]
    ubuntu = ["libc6 (>= 2.34)", "libmpdec3 (>= 2.5.1)"]  # Ubuntu's Python links it
    debian = ["libc6 (>= 2.34)"]  # Debian 12's carries its own
    assert check.problems(ubuntu, declared) == [] and check.problems(debian, declared) == []
    assert check.depends_line(declared, ubuntu).endswith(", libxcb1, libmpdec3")
    assert "libmpdec3" not in check.depends_line(declared, debian)
    assert check.depends_line(declared, debian).startswith("libc6 (>= 2.35), libglib2.0-0")


def test_the_shipped_depends_list_names_what_the_issue_requires() -> None:
    declared = load("check_depends").read_depends(PACKAGING / "linux" / "depends.txt")
    names = " ".join(declared)
    for needed in ("fonts-noto-cjk | fonts-wqy-microhei", "libespeak-ng1", "espeak-ng-data",
                   "alsa-utils", "libxcb-cursor0", "libxkbcommon-x11-0"):
        assert needed in names
    assert not any(line.startswith("#") for line in declared)


WARNINGS = """
missing module named lxml - imported by reader.core.formats_html (top-level), bs4 (optional)
missing module named 'lxml.html' - imported by reader.core.formats_html (top-level)
missing module named 'fontTools.ttLib.TTFont' - imported by reader.ui.printing.font (delayed)
missing module named org - imported by pickle (optional)
"""
WINREG = "missing module named winreg - imported by reader.paths (conditional)\n"
FCNTL = "missing module named fcntl - imported by reader.ui.shell.single_instance (conditional)\n"


def test_modules_missing_for_our_code_are_reported() -> None:
    check = load("check_bundle_modules")
    # pickle's `org` is not ours; fontTools is present (only a class name inside it
    # shows up); winreg is Windows-only, so its absence on Linux is expected.
    found = check.missing_for_the_program(WARNINGS + WINREG, platform="linux")
    assert found == {"lxml": ["reader.core.formats_html"],
                     "lxml.html": ["reader.core.formats_html"]}
    # A Windows build expects no fcntl, but misses winreg for real.
    on_windows = check.missing_for_the_program(WARNINGS + WINREG + FCNTL, platform="win32")
    assert set(on_windows) == {"lxml", "lxml.html", "winreg"}
