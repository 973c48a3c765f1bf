"""The booklet panel reaches printing only through StaffPrinting (staff/context.py): with
a fake one in its place, what the panel asks for and what it tells staff. The real
printing behind it is tested in test_staff.py."""

from __future__ import annotations

import dataclasses
import itertools
import os
from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from reader.core.article import Script
from reader.core.cards import Card
from reader.core.errors import ReaderError
from reader.core.local_info import LocalInfo
from reader.ui.staff.booklet_panel import BookletPanel
from reader.ui.staff.local_info_panel import LocalInfoPanel
from tests.support.community_helpers import click, open_panel
from tests.support.window_helpers import settle


class FakePrinting:
    """Records each booklet asked for; fails with `problem` when it is set."""

    def __init__(self, fit: dict[str, tuple[int, bool]],
                 a5_pages: dict[str, int] | None = None) -> None:
        self.fit = fit  # A4
        self.a5_pages = a5_pages or {}
        self.problem = ""
        self.checked: list[tuple[str, str]] = []  # card id, paper: each card_fit asked
        self.booklets: list[tuple[list[str], Script, str | None, str, str | None]] = []

    def _fail_if_asked(self) -> None:
        if self.problem:
            raise ReaderError(self.problem)

    def available_printers(self) -> list[str]:
        return ["Hall"]

    def default_printer(self) -> str | None:
        return "Hall"

    def print_test_page(self, printer: str, script: Script) -> str:
        self._fail_if_asked()
        return printer

    def card_fit(self, card: Card, script: Script, local_info: LocalInfo | None,
                 paper: str = "A4") -> tuple[int, bool]:
        self.checked.append((card.id, paper))
        if paper == "A5":
            return self.a5_pages.get(card.id, 2), False
        return self.fit.get(card.id, (1, False))

    def pages_per_sheet(self, paper: str) -> int:
        return 2 if paper == "A5" else 1

    def write_booklet_pdf(self, cards: Sequence[Card], path: str | os.PathLike[str],
                          script: Script, category: str | None,
                          local_info: LocalInfo | None) -> None:
        self._fail_if_asked()

    def ask_pdf_path(self, parent: QWidget, title: str, stem: str) -> str:
        return "/nowhere/booklet.pdf"

    def print_booklet(self, cards: Sequence[Card], script: Script, category: str | None,
                      local_info: LocalInfo | None, title: str, printer: str | None,
                      parent: QWidget, printed: Callable[[str], None]) -> None:
        self._fail_if_asked()
        self.booklets.append(([card.id for card in cards], script, category, title, printer))
        printed(printer or "")


def test_the_booklet_panel_asks_printing_for_what_staff_chose_and_says_what_happened(
        qtbot: QtBot) -> None:
    window, _staff, panel = open_panel(qtbot, "booklet", BookletPanel)
    fake = FakePrinting({"dibao": (2, False), "jijiu": (1, True)}, a5_pages={"dibao": 3})
    panel.ctx = dataclasses.replace(panel.ctx, printing=fake)
    panel.refresh()
    assert panel.fit.text() == "正在检查每张卡片能不能印在一张纸上……"
    qtbot.waitUntil(lambda: not panel.fit_check.busy)
    lines = panel.fit.text().split("\n")
    assert "城乡低保（2 页）" in lines[0] and "一张 A4 纸印不下" in lines[0]
    assert lines[1] == "这些卡片为了印在一张纸上，不印“注意”一段：急救和胸痛中心。"
    assert "城乡低保（3 页）" in lines[2] and "A5" in lines[2]

    panel.box.setCurrentIndex(panel.box.findData("生活救助"))
    window.settings.set("printer", "Hall")
    click(qtbot, window, panel.print_button)
    [(ids, script, category, title, printer)] = fake.booklets
    assert "dibao" in ids and category == "生活救助" and printer == "Hall"
    assert (script, title) == ("simplified", "小册子")
    assert panel.message.text() == f"已送到打印机“Hall”（{len(ids)} 张卡片）。"

    fake.problem = "打印机“Hall”现在用不了。"  # a plain message, and the panel stays usable
    click(qtbot, window, panel.print_button)
    assert panel.message.text() == fake.problem and len(fake.booklets) == 1
    click(qtbot, window, panel.pdf_button)
    assert panel.message.text() == fake.problem
    fake.problem = ""
    click(qtbot, window, panel.pdf_button)
    assert panel.message.text() == f"已保存：/nowhere/booklet.pdf（{len(ids)} 张卡片）"


def _form_with(qtbot: QtBot, fake: FakePrinting) -> LocalInfoPanel:
    _window, _staff, panel = open_panel(qtbot, "local", LocalInfoPanel)
    panel.ctx = dataclasses.replace(panel.ctx, printing=fake)
    _set_centre_name(panel, "幸福社区服务中心")  # required before anything is saved
    assert panel.save()
    qtbot.waitUntil(lambda: not panel.fit_check.busy)
    fake.checked.clear()
    return panel


def _set_centre_name(panel: LocalInfoPanel, name: str) -> None:
    panel.rows["centre.name"].edit.setText(name)
    panel.rows["centre.name"].edit.textEdited.emit(name)


def _fill_card(panel: LocalInfoPanel, card_id: str, office: str) -> None:
    panel.card_box.setCurrentIndex(panel.card_box.findData(card_id))
    panel.card_box.activated.emit(panel.card_box.currentIndex())
    panel.card_rows["office"].edit.setText(office)
    panel.card_rows["office"].edit.textEdited.emit(office)


def test_a_card_too_long_after_saving_local_information_is_named_in_the_form(
        qtbot: QtBot) -> None:
    fake = FakePrinting({"dibao": (2, False), "jijiu": (1, True)}, a5_pages={"dibao": 3})
    panel = _form_with(qtbot, fake)
    _fill_card(panel, "dibao", "街道便民服务中心 2 号窗口")
    assert panel.save()
    assert panel.fit.text() == "正在检查每张卡片能不能印在一张纸上……"
    qtbot.waitUntil(lambda: not panel.fit_check.busy)
    assert panel.fit.isVisible()
    assert panel.fit.text().split("\n") == [
        "这些卡片一张 A4 纸印不下，会印成两页以上：城乡低保（2 页）。"
        "请把卡片文件里的句子删短一些。",
        "这些卡片用 A5 纸，正反两面也印不下：城乡低保（3 页）。"
        "请用 A4 纸，或把卡片文件里的句子删短一些。",
        "把上面填的本地信息写短一些，再按“保存”，就能印在一张纸上。"]
    assert fake.checked == [("dibao", "A4"), ("dibao", "A5")]  # only the card that changed

    _set_centre_name(panel, "幸福社区服务中心（东门）")  # on every card's phone box
    fake.checked.clear()
    assert panel.save()
    qtbot.waitUntil(lambda: not panel.fit_check.busy)
    every = [card.id for card in panel.cards]
    assert len(every) > 10 and [card_id for card_id, _ in fake.checked[::2]] == every
    assert "急救和胸痛中心" in panel.fit.text().split("\n")[1]  # 注意 left off: said too


def test_when_every_card_fits_the_form_says_nothing_about_fit(qtbot: QtBot) -> None:
    fake = FakePrinting({})
    panel = _form_with(qtbot, fake)
    _fill_card(panel, "tuoyu", "托育服务中心")
    assert panel.save()
    qtbot.waitUntil(lambda: not panel.fit_check.busy)
    assert fake.checked == [("tuoyu", "A4"), ("tuoyu", "A5")]
    assert panel.fit.text() == "" and not panel.fit.isVisible()
    assert panel.message.text() == "已经保存。卡片上已经是新的内容。"


def test_the_fit_check_lets_the_event_loop_turn_between_cards(qtbot: QtBot) -> None:
    turns: list[int] = [0]
    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(lambda: turns.__setitem__(0, turns[0] + 1))
    seen: list[int] = []  # the event-loop turns counted when each card was laid out

    class CountingPrinting(FakePrinting):
        def card_fit(self, card: Card, script: Script, local_info: LocalInfo | None,
                     paper: str = "A4") -> tuple[int, bool]:
            seen.append(turns[0])
            return super().card_fit(card, script, local_info, paper)

    fake = CountingPrinting({"dibao": (2, False)})
    panel = _form_with(qtbot, fake)
    seen.clear()
    _set_centre_name(panel, "幸福社区服务中心（东门）")  # every card is checked
    ticker.start()
    assert panel.save()
    assert seen == []  # nothing laid out before save returns to the event loop
    settle()
    assert 0 < len(seen) < 2 * len(panel.cards)  # a few steps, not the whole check
    qtbot.waitUntil(lambda: not panel.fit_check.busy)
    ticker.stop()
    assert len(seen) == 2 * len(panel.cards)
    assert all(later > earlier for earlier, later in itertools.pairwise(seen))
    assert "城乡低保（2 页）" in panel.fit.text()

    # a newer check replaces the one underway: only its results are shown
    fake.fit = {}
    panel.check_fit(panel.cards)
    settle()
    fake.fit = {"jijiu": (3, False)}
    panel.check_fit(panel.cards)
    qtbot.waitUntil(lambda: not panel.fit_check.busy)
    assert "急救和胸痛中心（3 页）" in panel.fit.text() and "城乡低保" not in panel.fit.text()
