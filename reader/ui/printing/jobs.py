"""What the print preview prints: a card, an article or a booklet, for a paper size.

A job knows its title, how to lay itself out for A4 or A5, and how to write its PDF;
the preview does the rest the same way for both.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.core.article import Article, Script
from reader.core.cards import Card
from reader.core.local_info import LocalInfo
from reader.core.script import convert
from reader.ui.printing import output
from reader.ui.printing.layout import Page, Paper

MANY_PAGES = 10  # more than this: ask before printing


@dataclass(frozen=True)
class PrintJob:
    title: str  # in the reader's script
    kind: str  # "card", "article" or "booklet"
    lay_out: Callable[[str], tuple[Paper, list[Page]]]  # paper name -> its pages
    write_pdf: Callable[[str, str], Path]  # (path, paper name) -> the file written


def card_job(card: Card, script: Script, local_info: LocalInfo | None) -> PrintJob:
    def lay_out(paper: str) -> tuple[Paper, list[Page]]:
        return output.card_pages(card, script=script, paper=paper, local_info=local_info)

    def write_pdf(path: str, paper: str) -> Path:
        return output.write_card_pdf(card, path, script=script, paper=paper,
                                     local_info=local_info)  # fmt: skip

    return PrintJob(card.converted(script).title, "card", lay_out, write_pdf)


def article_job(article: Article, cards: Sequence[Card], script: Script,
                local_info: LocalInfo | None) -> PrintJob:  # fmt: skip
    def lay_out(paper: str) -> tuple[Paper, list[Page]]:
        return output.article_pages(article, cards, script=script, paper=paper,
                                    local_info=local_info)  # fmt: skip

    def write_pdf(path: str, paper: str) -> Path:
        return output.write_article_pdf(article, cards, path, script=script, paper=paper,
                                        local_info=local_info)  # fmt: skip

    return PrintJob(convert(article.title, script), "article", lay_out, write_pdf)


def booklet_job(cards: Sequence[Card], script: Script, category: str | None,
                local_info: LocalInfo | None, title: str) -> PrintJob:  # fmt: skip
    def lay_out(paper: str) -> tuple[Paper, list[Page]]:
        return output.booklet_pages(list(cards), script=script, paper=paper, category=category,
                                    local_info=local_info)  # fmt: skip

    def write_pdf(path: str, paper: str) -> Path:
        return output.write_booklet_pdf(cards, path, script=script, paper=paper,
                                        category=category, local_info=local_info)  # fmt: skip

    return PrintJob(title, "booklet", lay_out, write_pdf)


def sheets_for(pages: int, paper: Paper) -> int:
    """Sheets of paper the pages take (A5 cards print front and back)."""
    return math.ceil(pages / paper.sheet_pages)
