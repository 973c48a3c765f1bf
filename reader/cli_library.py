"""`python -m reader import FILE…` and `python -m reader library`: the article library
from the command line, for staff who prefer it and for scripts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from reader.core.errors import ReaderError

if TYPE_CHECKING:
    from reader.core.library import Library
    from reader.doctor import Check


def cmd_import(args: argparse.Namespace) -> int:
    """Import each file; print what was added or why not. Exit 1 if any failed."""
    from reader.cli_core import unexpected_failure
    from reader.core.formats import display_name

    library = _open_library()
    if library is None:
        return 1
    failed = 0
    for name in args.files:
        try:
            article = library.add(name)
        except ReaderError as exc:
            failed += 1
            print(f"错误：{display_name(name)}：{exc.message}", file=sys.stderr)
            continue
        except Exception:  # a bug: logged with its traceback, one plain line for staff
            failed += 1
            print(f"错误：{display_name(name)}：{unexpected_failure()}", file=sys.stderr)
            continue
        print(f"已加入：{article.id}  {article.title}")
    return 1 if failed else 0


def cmd_library(args: argparse.Namespace) -> int:
    """One article a line, newest first: id, title, and marks for seeds and hidden."""
    library = _open_library()
    if library is None:
        return 1
    for item in library.items(include_hidden=True):
        marks = "".join(
            mark for mark, on in (("（自带）", item.seed), ("（内容包）", item.published),
                             ("（已隐藏）", item.hidden)) if on
        )
        print(f"{item.article.id}  {item.article.title}{marks}")
    return 0


def _open_library() -> Library | None:
    """The library, with its problems told on stderr; None (and why) if it won't open."""
    from reader.core.library import Library

    try:
        library = Library()
    except ReaderError as exc:
        print(f"错误：打不开文章库：{exc.message}", file=sys.stderr)
        return None
    _print_problems(library.problems)
    return library


def _print_problems(problems: list[str]) -> None:
    for problem in problems:
        print(f"注意：{problem}", file=sys.stderr)


def doctor_checks() -> Iterable[Check]:
    """For `python -m reader doctor`: can web pages and Word files be read, and is the
    library whole."""
    from reader.doctor import Check

    try:
        import lxml.etree  # noqa: F401
        import readability  # noqa: F401
    except ImportError as exc:
        yield Check(
            "导入网页和 Word 文件", False, f"缺少组件 {exc.name}：只能导入 .txt 文件。",
            required=False,
        )
    else:
        yield Check("导入网页和 Word 文件", True, ".txt .html .htm .mhtml .mht .docx")

    from reader.core.library import Library

    try:
        library = Library()
    except ReaderError as exc:
        yield Check("文章库", False, exc.message)
        return
    count = len(library.articles(include_hidden=True))
    detail = "；".join(library.problems) or f"{count} 篇文章，没有问题"
    yield Check("文章库", not library.problems, detail, required=False)
