"""What the staff panels may use, in one small object (made by feature.StaffArea).

Panels get a StaffContext instead of the staff area or the window: the settings, the
look, the library, the cards, printing, the community-mode switches and a few actions.
The protocols below are met by the real features (Community, TopicCards, ContentPacks,
reader.ui.printing.for_staff), which compose.py hands in, and are small enough for a
test to fake. This module imports nothing from the rest of the window.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import SignalInstance

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from reader.core.article import Script
    from reader.core.cards import Card, CardSet
    from reader.core.library import Library
    from reader.core.local_info import LocalInfo
    from reader.core.look import Look
    from reader.core.pin import PinStore
    from reader.core.usage_counts import UsageCounts
    from reader.speech.voices import VoiceStatus
    from reader.ui.shell.settings import Settings


class CommunityControls(Protocol):
    """Community-centre mode as the settings and status panels see it."""

    kiosk_flag: bool  # started with --kiosk

    @property
    def active(self) -> bool: ...

    def enter(self, remember: bool = True) -> bool: ...

    def leave(self) -> None: ...

    def quit_program(self) -> None: ...


class CardsSource(Protocol):
    """The topic cards the window shows (for the booklet, the import links and the
    local-information checks)."""

    def cards_in(self, script: Script = "simplified") -> CardSet: ...

    def local_info(self) -> LocalInfo: ...

    def reload_cards(self, folder: Path | None = None) -> None: ...


class PackChecks(Protocol):
    """The window's content-pack checker (reader.ui.content_packs), for 内容订阅."""

    checked: SignalInstance
    busy: bool

    def check_now(self, background: bool = False) -> bool: ...

    def import_file(self, path: Path) -> bool: ...


class StaffPrinting(Protocol):
    """Printing as the booklet and printer panels use it. Each call that cannot be done
    raises ReaderError with a plain message."""

    def available_printers(self) -> list[str]: ...

    def default_printer(self) -> str | None: ...

    def print_test_page(self, printer: str, script: Script) -> str:
        """打印测试页 on `printer`; the name of the printer it went to."""
        ...

    def card_fit(self, card: Card, script: Script, local_info: LocalInfo | None,
                 paper: str = "A4") -> tuple[int, bool]:
        """The pages the card takes printed on its own on `paper`, and whether sections
        were left off to keep it on one sheet."""
        ...

    def pages_per_sheet(self, paper: str) -> int:
        """A card's pages on one sheet of `paper`: A4 one side, A5 front and back."""
        ...

    def write_booklet_pdf(self, cards: Sequence[Card], path: str | os.PathLike[str],
                          script: Script, category: str | None,
                          local_info: LocalInfo | None) -> None: ...

    def ask_pdf_path(self, parent: QWidget, title: str, stem: str) -> str:
        """The system's save dialog for a PDF; "" when cancelled."""
        ...

    def print_booklet(self, cards: Sequence[Card], script: Script, category: str | None,
                      local_info: LocalInfo | None, title: str, printer: str | None,
                      parent: QWidget, printed: Callable[[str], None]) -> None:
        """The booklet in the print preview (it says how many pages and sheets, and asks
        before printing many); `printed` is told the printer's name."""
        ...


@dataclass(frozen=True)
class StaffContext:
    settings: Settings
    look: Callable[[], Look]  # the window's look now
    community: CommunityControls
    cards: CardsSource
    library: Callable[[], Library]  # read again from disk on each call
    articles_changed: Callable[[], None]  # the library changed: update home
    pin_store: Callable[[], PinStore]
    change_pin: Callable[[], None]
    lock_and_go_home: Callable[[], None]
    idle_minutes: Callable[[], int]  # 0 when there is no idle reset
    content_packs: Callable[[], PackChecks | None]  # None: not made (yet)
    usage: Callable[[], UsageCounts]  # this PC's 本月统计
    stop_speech: Callable[[], None]  # every reader in the window stops
    voice_status: Callable[[], VoiceStatus | None]  # the window's voice and why; None: not ready
    printing: StaffPrinting  # booklets, the printer list, 打印测试页
    # what was wrong with the library files when the window last loaded its articles
    library_problems: Callable[[], Sequence[str]] = lambda: ()
