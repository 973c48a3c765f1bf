"""The toolbar across the top: always visible, every button labelled in words.

When the full labels do not fit in one row (a 1024 px screen on the article page) every
button shows its short label (放大, 朗读 …; screen readers still hear the full name): a
second row would take a quarter of a 600 px screen. Narrower still, buttons wrap onto a
second row rather than disappearing (a QToolBar would hide them behind a » menu, which
residents never find). The bar is part of the central widget, so it cannot be dragged
away or hidden by a right-click. 请工作人员帮忙 is always the last button.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QWidget

from reader.core.look import Look
from reader.core.theme import THEMES, next_theme
from reader.ui.widgets.basics import BigButton, FlowLayout


class ToolBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolbar")
        self.flow = FlowLayout(self, spacing=12)
        self.flow.setContentsMargins(12, 10, 12, 10)
        self.home = BigButton()
        self.bigger = BigButton()
        self.smaller = BigButton()
        self.script = BigButton()
        self.theme = BigButton()
        self.help = BigButton()
        for name, button in (("home", self.home), ("bigger", self.bigger),
                             ("smaller", self.smaller), ("script", self.script),
                             ("theme", self.theme), ("help", self.help)):
            button.setObjectName(f"toolbar.{name}")
            self.flow.addWidget(button)
        self.help.setProperty("help", True)  # stands out (theme.py): it is the way to a person
        # --- read-aloud controls (朗读全文 / 暂停 / 停止 / 速度) go after these ---------
        self._speech_at = self.flow.count() - 1  # before 请工作人员帮忙
        self._speech: list[QWidget] = []

    def add_speech_widget(self, widget: QWidget) -> None:
        """For the read-aloud feature: adds a control after the others, in order."""
        self.flow.insert_widget(self._speech_at + len(self._speech), widget)
        self._speech.append(widget)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a button shown, hidden, relabelled
            self._fit_labels()
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_labels()
        super().resizeEvent(event)

    def _fit_labels(self) -> None:
        buttons = [w for w in self.flow.widgets() if isinstance(w, BigButton)]
        shown = [b for b in buttons if not b.isHidden()]
        margins = self.flow.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        needed = sum(b.width_with(False) for b in shown) + self.flow.gap() * (len(shown) - 1)
        compact = needed > room
        for button in buttons:
            button.set_compact(compact)

    @property
    def compact(self) -> bool:
        return self.home._compact

    def buttons(self) -> list[QWidget]:
        """Every control in screen order (the Tab order)."""
        return self.flow.widgets()

    def apply_look(self, look: Look, theme_id: str) -> None:
        self.home.set_texts(look.t("home.button"), look.t("home.button_desc"))
        self.bigger.set_texts(look.t("size.bigger"), look.t("size.bigger_desc"),
                              short=look.t("size.bigger_short"))
        self.smaller.set_texts(look.t("size.smaller"), look.t("size.smaller_desc"),
                               short=look.t("size.smaller_short"))
        target = "traditional" if look.script == "simplified" else "simplified"
        self.script.set_texts(look.t(f"script.to_{target}"), look.t(f"script.to_{target}_desc"),
                              name=look.t(f"script.to_{target}_name"))
        upcoming = THEMES[next_theme(theme_id)]
        self.theme.set_texts(look.t("theme.button"),
                             look.t("theme.button_desc", next=look.t(upcoming.name_key)),
                             short=look.t("theme.button_short"))
        self.help.set_texts(look.t("help.button"), look.t("help.button_desc"),
                            short=look.t("help.button_short"))
        self.setAccessibleName(look.t("toolbar.name"))
        self.setAccessibleDescription(look.t("toolbar.desc"))
