"""The window's text lives in reader.core.strings: no Chinese string literal in reader/ui,
nor in the core modules whose messages the window shows (content packs, so far).

Read with `ast`, so docstrings and comments (which may quote what the window says) are
not counted, and every literal is, including the pieces of an f-string.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

READER = Path(__file__).resolve().parents[2] / "reader"
UI = READER / "ui"
CORE = READER / "core"
CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

# Core modules whose refusals and status reach the window (the 内容订阅 panel, the
# background check's notice): every message in them comes from the strings module.
CORE_PACK_MODULES = [*sorted(CORE.glob("pack_*.py")), CORE / "signing.py",
                     CORE / "content_store.py", CORE / "subscription.py"]

# Paths below are relative to reader/.
# Whole modules that hold Chinese for a reason other than showing or saying it.
ALLOWED_MODULES = {
    # `python -m reader doctor` rows: terminal text for staff, kept beside the check
    # (the rule in reader.core.strings' docstring)
    "ui/shell/doctor_checks.py",
    # `python -m reader screenshot`: a command for developers and staff, terminal only
    "ui/tools/screenshot.py",
}
# Functions whose Chinese is terminal or data, not window text.
ALLOWED_FUNCTIONS = {
    # doctor's printer rows
    ("ui/printing/output.py", "doctor_checks"),
    # PrintFamily.note (read only by doctor) and the packaging build's exit message
    ("ui/printing/font.py", "_load_family"),
    ("ui/printing/font.py", "status"),
    ("ui/printing/font.py", "build_all"),
    # the pack format's signed line, checked against the manifest, never shown
    ("core/pack_format.py", "trusted_comment"),
    # the untrusted comment in a .minisig file (minisign's format), never shown
    ("core/signing.py", "sign"),
}
# Module-level names whose Chinese is data: never shown as such.
ALLOWED_NAMES = {
    # card categories as written in card files (keys, matched against the card data)
    ("ui/cards/icons.py", "CATEGORY_ICONS"),
    # characters to test a font's coverage with, never drawn
    ("ui/shell/fonts.py", "_SAMPLE"),
    # format markers in a pack's manifest and in a feed, matched, never shown
    ("core/pack_format.py", "KIND"),
    ("core/pack_source.py", "FEED_KIND"),
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _skipped_nodes(tree: ast.Module, relative: str) -> set[int]:
    """Every node inside an allowed function or an allowed module-level assignment."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if (relative, node.name) in ALLOWED_FUNCTIONS:
                skipped.update(id(inner) for inner in ast.walk(node))
    for node in tree.body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        names = {t.id for t in targets if isinstance(t, ast.Name)}
        if any((relative, name) in ALLOWED_NAMES for name in names):
            skipped.update(id(inner) for inner in ast.walk(node))
    return skipped


def chinese_literals(source: str, relative: str = "") -> list[tuple[int, str]]:
    """(line, text) of each Chinese string literal outside docstrings and the allowances."""
    tree = ast.parse(source)
    ignored = _docstrings(tree) | _skipped_nodes(tree, relative)
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and id(node) not in ignored and CHINESE.search(node.value)
    )


def test_the_check_finds_literals_and_passes_over_docstrings_and_comments() -> None:
    source = '''"""模块说明：不算。"""
def shown(name):
    """函数说明：不算。"""
    # 注释：不算
    label = "打印测试页"
    return f"第 {name} 页"

def doctor_checks():
    return "打印机"
'''
    shown = [(5, "打印测试页"), (6, " 页"), (6, "第 ")]
    assert chinese_literals(source) == [*shown, (9, "打印机")]
    assert chinese_literals(source, "ui/printing/output.py") == shown


def _literals_outside_strings(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        relative = path.relative_to(READER).as_posix()
        if relative in ALLOWED_MODULES:
            continue
        for line, literal in chinese_literals(path.read_text(encoding="utf-8"), relative):
            found.append(f"reader/{relative}:{line}: {literal!r}")
    return found


def test_window_modules_take_their_text_from_the_strings_module() -> None:
    found = _literals_outside_strings(sorted(UI.rglob("*.py")))
    assert not found, "put these in reader/core/strings.py and look them up by key:\n" + \
        "\n".join(found)


def test_content_pack_messages_come_from_the_strings_module() -> None:
    assert CORE / "pack_format.py" in CORE_PACK_MODULES  # the glob still finds them
    found = _literals_outside_strings(CORE_PACK_MODULES)
    assert not found, "put these in reader/core/strings.py (keys pack.*):\n" + \
        "\n".join(found)


def test_every_allowance_still_names_something_that_exists() -> None:
    """A renamed function or constant must not leave a stale allowance behind."""
    for relative in ALLOWED_MODULES:
        assert (READER / relative).is_file(), relative
    for relative, name in ALLOWED_FUNCTIONS | ALLOWED_NAMES:
        tree = ast.parse((READER / relative).read_text(encoding="utf-8"))
        names = {node.name for node in ast.walk(tree)
                 if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
        names |= {target.id for node in tree.body if isinstance(node, ast.Assign | ast.AnnAssign)
                  for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                  if isinstance(target, ast.Name)}
        assert name in names, (relative, name)
