"""Shared pieces for the printing tests: sample cards and a font cache kept between runs."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from reader.core.cards import Card, Phone, Source
from reader.core.local_info import Centre, LocalInfo, LocalOffice
from reader.ui.printing import font as print_font

SEED_000 = "000_dd9696c1479e7cb6"
SEED_003 = "003_bcc1e477f3fe7536"


_session_fonts: list[Path] = []


def _session_font_folder() -> Path:
    """A temporary folder for this test run, removed at its end."""
    if not _session_fonts:
        folder = Path(tempfile.mkdtemp(prefix="dazi-print-fonts-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _session_fonts.append(folder)
    return _session_fonts[0]


def use_persistent_font_cache(config: pytest.Config) -> Path:
    """Build the derived print fonts once per machine, not once per test (2 s a face):
    the pytest cache folder survives between runs; without the cache plugin
    (`-p no:cacheprovider`) a temporary folder serves the whole run. The test's own
    font folder (in its data folder) is a link to it, so the background build, a
    separate process, writes there as well."""
    cache = getattr(config, "cache", None)
    folder = Path(cache.mkdir("dazi-print-fonts")) if cache is not None \
        else _session_font_folder()
    link = print_font.cache_dir()
    link.parent.mkdir(parents=True, exist_ok=True)
    if not link.exists():
        link.symlink_to(folder, target_is_directory=True)
    return folder


def sample_card(**changes: object) -> Card:
    """A card with the characters that went wrong before: 一 二 心 身 (Kangxi radicals
    in the text layer), 胶 (an Extension A twin), digits in a Latin run, ——, ～."""
    card = Card(
        id="dibao",
        title="城乡低保",
        category="生活救助",
        icon="relief",
        terms=("城乡低保",),
        reviewed=date(2026, 11, 23),
        what="家里收入太低、生活困难的，政府每月给钱。一人一户，身心健康也算在内。",
        who=("城里和农村的居民都可以申请。", "全家每人每月的收入，低于当地的标准。"),
        steps=(
            "到户口所在地的街道办申请。",
            "签字同意政府查家里的收入——存款和房子。",
            "批准以后，每月领钱，从2025年起每年调整二次。",
        ),
        bring=("身份证和户口本。", "医院的病历和胶片。"),
        notes=("各地标准不同，请问当地。", "办理时间 9:00～17:00，Tel 0571-12345 也能问。"),
        phones=(Phone("12345", "问当地的标准和在哪里办。"), Phone("12333", "问社保。")),
        sources=(Source(SEED_000, "城乡低保"), Source(SEED_003, "城乡低保")),
    )
    return replace(card, **changes)  # type: ignore[arg-type]


def long_card() -> Card:
    """Too much for one A4 page even at 20 pt."""
    long_notes = tuple(
        f"第{n}条注意事项：各地的标准和办法都不一样，去办之前先打电话问清楚，"
        "要带的材料一次带齐，免得多跑一趟。"
        for n in range(1, 9)
    )
    return sample_card(notes=long_notes, bring=(*sample_card().bring, "近三个月的银行流水。"))


def too_long_card() -> Card:
    """Too much for one A4 page even without its notes."""
    long_who = tuple(
        f"第{n}种人：家里有人长期生病、没有劳动能力，全家每人每月的收入低于当地标准的。"
        for n in range(1, 11)
    )
    return replace(long_card(), who=long_who)


def sample_local_info() -> LocalInfo:
    return LocalInfo(
        Centre("幸福社区党群服务中心", "幸福路12号", "0354-7654321", "周一到周五 上午9点到下午5点"),
        {"dibao": LocalOffice("幸福街道便民服务中心 2 号窗口", "0354-1234567")},
    )


def full_local_info(card_ids: Iterable[str]) -> LocalInfo:
    """Everything the staff form holds, filled in for every card, at the lengths staff
    write (the form's samples): the longest phone box a card prints."""
    office = LocalOffice("幸福街道便民服务中心 2 号窗口", "0354-1234567", "幸福路 10 号",
                         "周一到周五上午", "先打电话预约")  # fmt: skip
    return LocalInfo(
        Centre("幸福社区党群服务中心", "幸福路12号", "0354-7654321", "周一到周五 上午9点到下午5点"),
        dict.fromkeys(card_ids, office),
        checked=date(2026, 12, 1),
    )


def card_strings(card: Card) -> list[str]:
    """Everything a card says, in the order it is printed (the phone box under the title)."""
    phones = [s for p in card.phones for s in (p.number, p.purpose)]
    return [card.title, *phones, card.what, *card.who, *card.steps, *card.bring, *card.notes]
