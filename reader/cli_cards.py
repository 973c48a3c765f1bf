"""Command-line commands for topic cards: cards, card ID, links FILE.

Card-file problems go to stderr in plain Chinese (staff fix them), and the command
still works with the cards that loaded. Printing and PDF live in reader.ui.printing.output
(Qt), imported only when asked for, so listing and showing cards never load Qt.
"""

from __future__ import annotations

import argparse
import sys
from types import ModuleType

from reader.core.article import Script
from reader.core.cards import CATEGORIES, CardSet, category_label, load_cards
from reader.core.errors import ReaderError
from reader.core.script import convert


def _load() -> CardSet:
    cards = load_cards()
    for problem in cards.problems:
        print(f"注意：{problem.message}", file=sys.stderr)
    return cards


def _script(args: argparse.Namespace) -> Script:
    return "traditional" if getattr(args, "script", None) == "traditional" else "simplified"


# Imported by name so that the card commands that only list or check never load Qt.
PRINTING_MODULE = "reader.ui.printing.output"


def _printing() -> ModuleType | None:
    """The printing module (Qt), or None with a message when this copy has no printing."""
    import importlib

    try:
        return importlib.import_module(PRINTING_MODULE)
    except ImportError as exc:
        print(f"错误：这台电脑上的程序不能打印或写 PDF（{exc}）。", file=sys.stderr)
        return None


def _print_local_problems(problems: tuple[str, ...]) -> None:
    for problem in problems:
        print(f"注意：{problem}", file=sys.stderr)


def cmd_cards(args: argparse.Namespace) -> int:
    cards = _load()
    category = getattr(args, "category", None)
    if category:
        category = convert(category, "simplified")  # accept the category typed in 繁體 too
        if category not in CATEGORIES:
            print(
                f"错误：没有“{args.category}”这一类。可以用：{'、'.join(CATEGORIES)}",
                file=sys.stderr,
            )
            return 1
    chosen = [c for c in cards if not category or c.category == category]
    script = _script(args)
    if not chosen:
        print("还没有帮助卡片。", file=sys.stderr)
        return 1
    if getattr(args, "pdf", None):
        from reader.core.local_info import load_local_info

        printing = _printing()
        if printing is None:
            return 1
        local_info = load_local_info(cards=[(c.id, c.title) for c in cards])
        _print_local_problems(local_info.problems)
        try:
            printing.write_booklet_pdf(
                chosen,
                args.pdf,
                script=script,
                paper=args.paper,
                category=category,
                local_info=local_info,
            )
        except ReaderError as exc:
            print(f"错误：{exc.message}", file=sys.stderr)
            return 1
        print(f"已写成：{args.pdf}（{len(chosen)} 张卡片）")
        return 0
    width = max(len(c.id) for c in chosen)
    category_width = max(len(c.category) for c in chosen)
    for card in chosen:
        shown = card.converted(script)
        # pad Chinese with the full-width space so the titles line up in a terminal
        category = category_label(card.category, script).ljust(category_width, "\u3000")
        print(f"{card.id:<{width}}  {category}  {shown.title}")
    return 0


def cmd_card(args: argparse.Namespace) -> int:
    from reader.core.card_text import card_to_text
    from reader.core.local_info import load_local_info

    cards = _load()
    card = cards.get(args.id)
    if card is None:
        print(
            f"错误：没有编号为“{args.id}”的卡片。"
            "要看全部卡片的编号，请运行：python -m reader cards",
            file=sys.stderr,
        )
        return 1
    script = _script(args)
    local_info = load_local_info(cards=[(c.id, c.title) for c in cards])
    _print_local_problems(local_info.problems)
    if args.pdf or args.print_:
        printing = _printing()
        if printing is None:
            return 1
        try:
            if args.pdf:
                printing.write_card_pdf(
                    card, args.pdf, script=script, paper=args.paper, local_info=local_info
                )
                print(f"已写成：{args.pdf}")
            if args.print_:
                printing.print_card(
                    card,
                    printer_name=args.printer,
                    script=script,
                    paper=args.paper,
                    local_info=local_info,
                )
                print("已送到打印机。")
        except ReaderError as exc:
            print(f"错误：{exc.message}", file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(card_to_text(card, local_info, script))
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    from reader.cli_core import read_article_or_say
    from reader.core.linking import find_links

    article = read_article_or_say(args.file)
    if article is None:
        return 1
    cards = _load()
    links = find_links(article, cards)
    if not links:
        print("这篇文章里没有找到链接到卡片的词。")
        return 0
    print("卡片\t词\t第几部分\t段落\t位置")
    for link in links:
        shown = article.block(link.block_id)
        term = shown.text[link.start : link.end] if shown else link.term
        print(
            f"{link.card_id}\t{term}\t{link.section_index + 1}\t{link.block_id}"
            f"\t{link.start}-{link.end}"
        )
    return 0
