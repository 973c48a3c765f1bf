"""The staff area's page: a row of section buttons and the chosen panel below them.

The panels are made on first use (the printer panel loads Qt's print support, the
import panel the article readers), so opening the staff area stays quick.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reader.core.look import Look
from reader.ui.staff.parts import Panel, field_style, label, set_fonts
from reader.ui.widgets.basics import BigButton, FlowLayout
from reader.ui.widgets.pages import Page

if TYPE_CHECKING:
    from reader.ui.staff.context import StaffContext


def _panel_makers() -> dict[str, Callable[[StaffContext], Panel]]:
    from reader.ui.staff.booklet_panel import BookletPanel
    from reader.ui.staff.import_panel import ImportPanel
    from reader.ui.staff.local_info_panel import LocalInfoPanel
    from reader.ui.staff.manage_panel import ManagePanel
    from reader.ui.staff.packs_panel import PacksPanel
    from reader.ui.staff.printer_panel import PrinterPanel
    from reader.ui.staff.settings_panel import SettingsPanel
    from reader.ui.staff.stats_panel import StatsPanel
    from reader.ui.staff.status_panel import StatusPanel
    from reader.ui.staff.voice_panel import VoicePanel

    return {"status": StatusPanel, "import": ImportPanel, "manage": ManagePanel,
            "settings": SettingsPanel, "local": LocalInfoPanel, "printer": PrinterPanel,
            "booklet": BookletPanel, "stats": StatsPanel, "packs": PacksPanel,
            "voice": VoicePanel}


SECTIONS = ("status", "import", "manage", "settings", "voice", "local", "printer", "booklet",
            "stats", "packs")


class StaffPage(Page):
    name = "staff"

    def __init__(self, ctx: StaffContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.hint = label(name="staffHint")
        self.tabs: dict[str, BigButton] = {}
        bar = QWidget()
        bar.setObjectName("staffTabs")
        flow = FlowLayout(bar, spacing=10)
        for key in SECTIONS:
            tab = BigButton()
            tab.setObjectName(f"staffTab.{key}")
            tab.setCheckable(True)
            tab.clicked.connect(lambda _=False, k=key: self.show_section(k))
            flow.addWidget(tab)
            self.tabs[key] = tab
        self.lock_button = BigButton()
        self.lock_button.setObjectName("staffLock")
        self.lock_button.clicked.connect(ctx.lock_and_go_home)
        flow.addWidget(self.lock_button)
        # Panels sit in one column and only the chosen one is shown: a hidden widget
        # takes no room, so each panel scrolls only as far as its own content (a
        # QStackedWidget would make every panel as tall as the longest).
        self.holder = QWidget()
        self.holder_column = QVBoxLayout(self.holder)
        self.holder_column.setContentsMargins(0, 0, 0, 0)
        self.panels: dict[str, Panel] = {}
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setWidget(self.holder)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 12, 24, 0)
        column.setSpacing(8)
        column.addWidget(bar)
        column.addWidget(self.hint)
        column.addWidget(self.scroller, 1)
        self.current = ""

    def panel(self, key: str) -> Panel:
        """The panel `key`, made on first use."""
        if key not in self.panels:
            panel = _panel_makers()[key](self.ctx)
            self.panels[key] = panel
            panel.hide()
            self.holder_column.addWidget(panel)
            if self.look is not None:
                panel.apply_look(self.look)
        return self.panels[key]

    def show_section(self, key: str) -> None:
        panel = self.panel(key)
        self.current = key
        for name, tab in self.tabs.items():
            tab.setChecked(name == key)
        for other in self.panels.values():
            if other is not panel:
                other.hide()
        panel.show()
        panel.refresh()
        self.scroller.verticalScrollBar().setValue(0)

    def apply_look(self, look: Look) -> None:
        super().apply_look(look)
        for key, tab in self.tabs.items():
            name = look.t(f"staff.{key}.tab")
            tab.set_texts(name, look.t("staff.tab_desc", name=name))
        self.lock_button.set_texts(look.t("staff.lock"), look.t("staff.lock_desc"))
        minutes = self.ctx.idle_minutes()
        self.hint.setText(look.t("staff.hint_idle", minutes=minutes) if minutes
                          else look.t("staff.hint"))
        self.setStyleSheet(field_style(look))
        set_fonts(self, look)
        for panel in self.panels.values():
            panel.apply_look(look)

    def window_title(self, look: Look) -> str:
        return look.t("staff.page_name")

    def scroll_area(self) -> QAbstractScrollArea:
        return self.scroller

    def focus_chain(self) -> list[QWidget]:
        return [*self.tabs.values(), self.lock_button]
