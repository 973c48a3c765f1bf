"""The PIN page: a big on-screen digit keypad, and the keyboard works too.

Five modes: "set" (first use: the PIN is typed twice), "change" (the same, from the
staff settings), "first_run" (the same, before community mode starts for the first
time: see FirstRunWindow), "check", and "locked" (the PIN file is broken: nothing can be
typed, the page says how staff reset the PIN). The PIN itself is kept by
reader.core.pin.PinStore (a
salted hash; wrong tries make the next try wait, and that survives a restart). While a
wait is running the keypad is off and the message counts down.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from reader.core.errors import ReaderError
from reader.core.look import Look
from reader.core.pin import PinStore, valid_pin
from reader.core.typography import MIN_TARGET_PX
from reader.ui.staff.parts import field_style, heading, label, staff_font
from reader.ui.widgets.basics import BigButton
from reader.ui.widgets.pages import Page

KEY_PX = 88  # keypad keys: well above the 64 px minimum, for a finger on a touch screen
KEYPAD = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "delete", "0", "clear")


class PinPage(Page):
    name = "staff_pin"
    unlocked = Signal()  # the right PIN, or a new PIN set
    back_requested = Signal()

    def __init__(self, store: PinStore, clock: Callable[[], float] = time.time,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock  # wall clock: a wait survives a restart (see PinStore)
        self.mode = "check"
        self._first = ""  # the new PIN typed once, while it is typed again
        self._wait_until = 0.0
        self._message_key: tuple[str, dict[str, object]] | None = None
        self._message_text = ""  # a message from PinStore, already plain Chinese
        self._wait_timer = QTimer(self)
        self._wait_timer.setInterval(500)
        self._wait_timer.timeout.connect(self._count_down)

        self.title = heading()
        self.title.setObjectName("pinTitle")
        self.hint = label(name="pinHint")
        self.field = QLineEdit()
        self.field.setObjectName("pinField")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaxLength(8)
        self.field.setValidator(QRegularExpressionValidator(r"[0-9]{0,8}", self.field))
        self.field.setMinimumHeight(KEY_PX)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setAcceptDrops(False)
        self.field.returnPressed.connect(self.confirm)
        self.message = label(name="pinMessage")
        self.ok = BigButton()
        self.ok.setObjectName("pinOk")
        self.ok.clicked.connect(self.confirm)
        self.back = BigButton()
        self.back.setObjectName("pinBack")
        self.back.clicked.connect(self.back_requested.emit)
        self.keys: dict[str, BigButton] = {}
        grid = QGridLayout()
        grid.setSpacing(10)
        for n, key in enumerate(KEYPAD):
            key_button = BigButton()
            key_button.setObjectName(f"pinKey.{key}")
            key_button.setMinimumSize(max(KEY_PX, MIN_TARGET_PX) + 32, KEY_PX)
            # Keys stay out of the Tab order and never take the focus, so typed digits
            # and Enter always go to the PIN field.
            key_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            key_button.setProperty("pinKey", True)
            key_button.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(key_button, n // 3, n % 3)
            self.keys[key] = key_button

        left = QVBoxLayout()
        left.setSpacing(14)
        for widget in (self.title, self.hint, self.field, self.message):
            left.addWidget(widget)
        left.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.ok, 2)
        buttons.addWidget(self.back, 1)
        left.addLayout(buttons)
        row = QHBoxLayout(self)
        row.setContentsMargins(32, 20, 32, 20)
        row.setSpacing(40)
        row.addLayout(left, 3)
        row.addLayout(grid, 2)

    # --- modes ------------------------------------------------------------------------------
    def start(self, mode: str) -> None:
        """"check", "set" (first use), "change" or "locked" (a broken PIN file)."""
        self.mode = mode
        self._first = ""
        self.field.clear()
        self._message_key = None
        self._message_text = self.store.problem if mode in ("set", "locked") else ""
        self._render()

    def on_shown(self) -> None:
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def on_hidden(self) -> None:
        self.field.clear()
        self._first = ""

    # --- input ------------------------------------------------------------------------------
    def press(self, key: str) -> None:
        if key == "delete":
            self.field.backspace()
        elif key == "clear":
            self.field.clear()
        elif len(self.field.text()) < self.field.maxLength():
            self.field.insert(key)
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def confirm(self) -> None:
        if self.locked() or self.mode == "locked":
            return
        pin = self.field.text()
        self.field.clear()
        if self.mode == "check":
            self._check(pin)
        else:
            self._set(pin)

    def _check(self, pin: str) -> None:
        result = self.store.check(pin, self.clock())
        if result.ok:
            self._say(None)
            self.unlocked.emit()
            return
        self._message_text = result.message
        self._message_key = None
        if result.wait_seconds > 0:
            self._wait_until = self.clock() + result.wait_seconds
            self._wait_timer.start()
        self._render()

    def _set(self, pin: str) -> None:
        if not valid_pin(pin):
            self._say("staff.pin.invalid")
            return
        if not self._first:
            self._first = pin
            self._say(None)
            return
        if pin != self._first:
            self._first = ""
            self._say("staff.pin.mismatch")
            return
        try:
            saved = self.store.set_pin(pin)
        except ReaderError as exc:  # the file turned out broken: stays locked
            self._first = ""
            self._message_text, self._message_key = exc.message, None
            self._render()
            return
        self._first = ""
        if saved:
            self.store.problem = ""
        self._say(None)
        self.unlocked.emit()  # not saved: it holds for this run, and 状况 says why

    # --- waiting after wrong tries -----------------------------------------------------
    def locked(self) -> bool:
        return self.clock() < self._wait_until

    def _count_down(self) -> None:
        self._message_text = ""  # from now on the countdown says how long
        if not self.locked():
            self._wait_timer.stop()
        self._render()

    # --- drawing ----------------------------------------------------------------------------
    def _say(self, key: str | None, **fields: object) -> None:
        self._message_key = (key, fields) if key else None
        self._message_text = ""
        self._render()

    def apply_look(self, look: Look) -> None:
        super().apply_look(look)
        # keys: the program's button padding and border add 26 px to this height
        self.setStyleSheet(field_style(look) +
                           f"QPushButton[pinKey=\"true\"] {{ min-height: {KEY_PX - 26}px; }}")
        self._render()

    def window_title(self, look: Look) -> str:
        return look.t("staff.pin.page_name")

    def _render(self) -> None:
        look = self.look
        if look is None:
            return
        if self.mode == "locked":
            title, hint = "staff.pin.locked_title", "staff.pin.locked_hint"
        elif self.mode == "check":
            title, hint = "staff.pin.enter_title", "staff.pin.enter_hint"
        elif self.mode == "first_run" and not self._first:
            title, hint = "staff.pin.first_title", "staff.pin.first_hint"
        elif self._first:
            title, hint = "staff.pin.repeat_title", "staff.pin.repeat_hint"
        else:
            title = "staff.pin.set_title" if self.mode == "set" else "staff.pin.change_title"
            hint = "staff.pin.set_hint"
        self.title.setText(look.t(title))
        self.hint.setText(look.t(hint))
        waiting = self.locked()
        locked = waiting or self.mode == "locked"
        if waiting and not self._message_text:
            wait = max(1, math.ceil(self._wait_until - self.clock()))
            message = look.t("staff.pin.wait", seconds=wait)
        elif self._message_key:
            key, fields = self._message_key
            message = look.t(key, **fields)
        else:
            message = look.convert(self._message_text)
        self.message.setText(message)
        self.message.setVisible(bool(message))
        for key_button in self.keys.values():
            key_button.setEnabled(not locked)
        self.field.setEnabled(not locked)
        self.ok.setEnabled(not locked)
        # A broken PIN file: nothing to type, room for the way out instead.
        for widget in (self.field, self.ok, *self.keys.values()):
            widget.setVisible(self.mode != "locked")
        for key, key_button in self.keys.items():
            if key.isdigit():
                key_button.set_texts(key, look.t("staff.pin.digit_desc", digit=key))
            else:
                key_button.set_texts(look.t(f"staff.pin.{key}"), look.t(f"staff.pin.{key}_desc"))
        self.ok.set_texts(look.t("staff.pin.ok"), look.t("staff.pin.ok_desc"))
        back = "staff.pin.first_quit" if self.mode == "first_run" else "staff.pin.back"
        self.back.set_texts(look.t(back), look.t(f"{back}_desc"))
        self.field.setAccessibleName(look.t("staff.pin.field"))
        self.field.setAccessibleDescription(look.t("staff.pin.field_desc"))
        self.field.setToolTip(look.t("staff.pin.field_desc"))
        self._fonts(look)

    def _fonts(self, look: Look) -> None:
        self.title.setFont(staff_font(look, bold=True, extra_pt=8))
        self.hint.setFont(staff_font(look, extra_pt=2))
        self.message.setFont(staff_font(look, bold=True, extra_pt=2))
        big = staff_font(look, bold=True, extra_pt=10)
        self.field.setFont(big)
        for key, key_button in self.keys.items():
            key_button.setFont(big if key.isdigit() else staff_font(look, extra_pt=2))

    def focus_chain(self) -> list[QWidget]:
        return [self.field, self.ok, self.back]


class FirstRunWindow(QWidget):
    """Community mode asked for (``--kiosk``, or remembered) with no staff PIN: before the
    reading window is shown at all, a full-screen window of its own asks staff to set the
    PIN (typed twice). `pin_set` then lets community mode start; 退出程序 ends the program.
    Nothing of the residents' side is reachable from here: no toolbar, no 首页, no Esc."""

    pin_set = Signal()
    quit_requested = Signal()

    def __init__(self, store: PinStore, look: Look, clock: Callable[[], float] = time.time) -> None:
        super().__init__()
        self.setObjectName("firstRunPin")
        self.page = PinPage(store, clock, self)
        self.page.start("first_run")
        self.page.unlocked.connect(self.pin_set.emit)
        self.page.back_requested.connect(self.quit_requested.emit)
        column = QVBoxLayout(self)
        column.addWidget(self.page)
        self.apply_look(look)

    def apply_look(self, look: Look) -> None:
        self.page.apply_look(look)
        self.setWindowTitle(look.t("staff.pin.first_window"))
        self.setAccessibleName(look.t("staff.pin.first_window"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.page.on_shown()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.property("done"):
            self.quit_requested.emit()  # closed without a PIN: the program ends
        super().closeEvent(event)
