"""`python -m reader stats`: this PC's usage counts for a month, printed or as CSV."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

from reader.core.errors import plain_os_error
from reader.core.usage_counts import (
    TOTAL_ROW,
    ReportRow,
    UsageCounts,
    report_csv,
    report_rows,
    write_report_csv,
)


def _card_titles() -> dict[str, str]:
    from reader.core.cards import load_cards

    return {card.id: card.title for card in load_cards()}


def cmd_stats(args: argparse.Namespace) -> int:
    store = UsageCounts()
    try:
        counts = store.month(args.month)
    except ValueError:
        print(f"错误：月份“{args.month}”要写成 年-月，例如 2026-12。", file=sys.stderr)
        return 2
    rows = report_rows(counts, _card_titles())
    if store.problem:
        print(f"注意：{store.problem}", file=sys.stderr)
    if args.csv:
        out = Path(args.csv)
        if not out.parent.is_dir():
            print(f"错误：没有“{out.parent}”这个文件夹，表格没有写。"
                  "请换一个已有的文件夹，或者先建好它。", file=sys.stderr)
            return 1
        try:
            write_report_csv(out, report_csv(counts, rows))
        except OSError as exc:
            print(f"错误：{out} 写不进去：{plain_os_error(exc)}。", file=sys.stderr)
            return 1
        print(f"已写好 {out}（{counts.month}，{len(rows)} 行）")
        return 0
    print(f"{counts.month} 这台电脑的使用次数（只有次数，没有个人信息）")
    names = [_row_name(row) for row in rows]
    width = max(_columns(name) for name in names) + 2
    for name, row in zip(names, rows, strict=True):
        print(f"{name}{' ' * (width - _columns(name))}{row.count:>5}")
    return 0


def _row_name(row: ReportRow) -> str:
    if not row.card:
        return row.item
    return f"{row.item}（合计）" if row.card == TOTAL_ROW else f"    {row.card}"


def _columns(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
