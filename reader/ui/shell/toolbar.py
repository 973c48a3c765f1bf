"""The toolbar across the top: always visible, every button labelled in words.

Buttons wrap onto a second row rather than disappearing when the window is narrow (a
QToolBar would hide them behind a » menu, which residents never find), and the bar is
part of the central widget, so it cannot be dragged away or hidden by a right-click.
"""

from __future__ import annotations

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
        for name, button in (("home", self.home), ("bigger", self.bigger),
                             ("smaller", self.smaller), ("script", self.script),
                             ("theme", self.theme)):
            button.setObjectName(f"toolbar.{name}")
            self.flow.addWidget(button)
        # --- read-aloud controls (朗读全文 / 暂停 / 停止 / 速度) go after these ---------
        self._speech_at = self.flow.count()
        self._speech: list[QWidget] = []

    def add_speech_widget(self, widget: QWidget) -> None:
        """For the read-aloud feature: adds a control after the others, in order."""
        self.flow.insert_widget(self._speech_at + len(self._speech), widget)
        self._speech.append(widget)

    def buttons(self) -> list[QWidget]:
        """Every control in screen order (the Tab order)."""
        return self.flow.widgets()

    def apply_look(self, look: Look, theme_id: str) -> None:
        self.home.set_texts(look.t("home.button"), look.t("home.button_desc"))
        self.bigger.set_texts(look.t("size.bigger"), look.t("size.bigger_desc"))
        self.smaller.set_texts(look.t("size.smaller"), look.t("size.smaller_desc"))
        target = "traditional" if look.script == "simplified" else "simplified"
        self.script.set_texts(look.t(f"script.to_{target}"), look.t(f"script.to_{target}_desc"),
                              name=look.t(f"script.to_{target}_name"))
        upcoming = THEMES[next_theme(theme_id)]
        self.theme.set_texts(look.t("theme.button"),
                             look.t("theme.button_desc", next=look.t(upcoming.name_key)))
        self.setAccessibleName(look.t("toolbar.name"))
        self.setAccessibleDescription(look.t("toolbar.desc"))
