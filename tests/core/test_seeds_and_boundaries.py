"""The seeds ship exactly as received, and reader/core never touches Qt."""

from __future__ import annotations

import hashlib

from tests.conftest import ROOT, SEEDS

EXPECTED_SHA256 = {
    "000_dd9696c1479e7cb6.txt": "67a34667bb3c9e2173f3a891aea40f137b5153e5ca66722c98d58a81fcba9c02",
    "003_bcc1e477f3fe7536.txt": "f1312e21700f14e6688fa82ab2e539f0e663c164b93217569aa6febf4e37c071",
}


def test_seeds_are_unaltered() -> None:
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS}
    assert found == EXPECTED_SHA256


def test_core_imports_no_qt_at_run_time() -> None:
    """Importing every core module (and what they import) loads no Qt module. (That no
    core module names Qt or reader.ui, even lazily, is an import-linter contract in
    pyproject.toml, checked by tests/run_all.sh.)"""
    import subprocess
    import sys

    modules = sorted(
        "reader.core." + p.stem
        for p in (ROOT / "reader" / "core").glob("*.py")
        if p.stem != "__init__"
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "qt = ('PySide6', 'shiboken6', 'reader.ui')\n"
        "print(sorted(k for k in sys.modules if k.startswith(qt)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "[]"
