"""Command-line commands that need no window: article, convert, doctor."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from reader.core.errors import ReaderError

if TYPE_CHECKING:
    from reader.core.article import Article


def read_article_or_say(path: str) -> Article | None:
    """The article in `path`, or None after telling on stderr why it can't be read."""
    from reader.core.formats import display_name, read_article

    try:
        return read_article(path)
    except ReaderError as exc:
        print(f"错误：{display_name(path)}：{exc.message}", file=sys.stderr)
        return None
    except Exception:  # a bug: logged with its traceback, one plain line for staff
        print(f"错误：{display_name(path)}：{unexpected_failure()}", file=sys.stderr)
        return None


def cmd_article(args: argparse.Namespace) -> int:
    article = read_article_or_say(args.file)
    if article is None:
        return 1
    if getattr(args, "pdf", None):
        return _article_pdf(article, args)
    if args.script and args.script != article.script:
        from reader.core.script import convert

        target = args.script
        article = article.map_text(lambda t: convert(t, target), target)
    if args.json:
        print(json.dumps(article.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(article.title)
    for line in (article.deck, article.byline):
        if line:
            print(line)
    for section in article.sections:
        if section.heading:
            print(f"\n【{section.heading}】")
        for block in section.blocks:
            print(f"\n{block.text}")
    if article.column:
        print(f"\n{article.column}")
    return 0


def unexpected_failure() -> str:
    """Log the error being handled (with its traceback) and say so in one line."""
    from reader import crash

    crash.log_error(*sys.exc_info())
    return (
        "读的时候出了意外，没有读成。详细情况记在错误记录里（python -m reader doctor 可以看到）。"
    )


def _article_pdf(article: Article, args: argparse.Namespace) -> int:
    from reader.core.cards import load_cards
    from reader.core.local_info import load_local_info
    from reader.ui.printing import output

    cards = load_cards().cards
    local_info = load_local_info(cards=[(c.id, c.title) for c in cards])
    for problem in local_info.problems:
        print(f"注意：{problem}", file=sys.stderr)
    script = args.script or article.script
    try:
        out = output.write_article_pdf(article, cards, args.pdf, script=script,
                                       paper=args.paper, local_info=local_info)  # fmt: skip
    except ReaderError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    print(f"已写成：{out}")
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    from reader.core.script import convert

    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        print("错误：标准输入不是 UTF-8 文字。", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(convert(text, args.to).encode("utf-8"))
    return 0


def cmd_help_calls(args: argparse.Namespace) -> int:
    """请工作人员帮忙 presses per month, newest month first (times are not kept)."""
    from reader.core.usage_counts import UsageCounts

    store = UsageCounts()
    months = [(month, store.month(month).help_presses) for month in store.months()]
    months = [(month, presses) for month, presses in months if presses][:max(1, args.newest)]
    if store.problem:
        print(f"注意：{store.problem}", file=sys.stderr)
    if not months:
        print("还没有人按过“请工作人员帮忙”。")
    for month, presses in months:
        year, number = month.split("-")
        print(f"{year}年{int(number)}月  {presses} 次")
    print("（只记每月几次，不记时间和画面；这次打开程序以来的最近几次在工作人员区“状况”里。）")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from reader import doctor

    if getattr(args, "sound", False):
        from reader.speech.sound_check import run_sound_check

        played, message = run_sound_check()
        print(f"[{'OK  ' if played else '问题'}] 试一下声音：{message}")
        return 0 if played else 1
    return doctor.run()


def cmd_reset_pin(args: argparse.Namespace) -> int:
    """Forget the staff PIN (the file is kept aside); the staff area asks for a new one.
    Whoever can run commands on this PC could delete the file anyway: this only makes
    the deliberate way the plain one."""
    from reader.core.pin import pin_file, reset_pin

    path = pin_file()
    try:
        kept = reset_pin(path)
    except OSError as exc:
        print(f"错误：{path}：没能移开员工密码文件（{exc.strerror or exc}）", file=sys.stderr)
        return 1
    if kept is None:
        print(f"还没有员工密码文件（{path}）：按 Ctrl+Alt+S 就可以设新密码。")
    else:
        print(f"员工密码已经清除，原来的文件另存为 {kept}。"
              "请马上在程序窗口里按 Ctrl+Alt+S 设一个新密码。")
    return 0
