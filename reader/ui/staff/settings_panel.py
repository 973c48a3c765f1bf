"""设置: community mode on/off, the idle time, how each resident starts (size, script,
colours), the staff PIN, and quitting the program. Every choice is saved at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel

from reader.core.theme import THEMES
from reader.core.typography import SIZE_STEPS
from reader.ui.staff.parts import Panel, button, combo, heading, label

if TYPE_CHECKING:
    from reader.ui.staff.context import StaffContext

IDLE_CHOICES = (1, 2, 3, 5, 10, 15, 20, 30, 60)  # minutes


class SettingsPanel(Panel):
    key = "settings"

    def __init__(self, ctx: StaffContext) -> None:
        super().__init__(ctx)
        self.settings = ctx.settings
        self.mode_title = heading()
        self.mode_hint = label()
        self.mode_state = label(name="settingsModeState")
        self.mode_button = button("settingsMode")
        self.mode_button.clicked.connect(self.toggle_mode)
        self.idle_box = combo("settingsIdle")
        self.defaults_title = heading()
        self.defaults_hint = label()
        self.size_box = combo("settingsSize")
        self.script_box = combo("settingsScript")
        self.theme_box = combo("settingsTheme")
        self.pin_title = heading()
        self.pin_button = button("settingsPin")
        self.pin_button.clicked.connect(ctx.change_pin)
        self.quit_button = button("settingsQuit")
        self.quit_button.clicked.connect(self.quit_pressed)
        self._quit_armed = False

        self.idle_label, self.size_label = QLabel(), QLabel()
        self.script_label, self.theme_label = QLabel(), QLabel()
        self.idle_hint = label()
        self.add(self.mode_title, self.mode_hint, self.mode_state, self.mode_button)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.idle_label, self.idle_box)
        self.column.addLayout(form)
        self.add(self.idle_hint, self.defaults_title, self.defaults_hint)
        defaults = QFormLayout()
        defaults.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        defaults.addRow(self.size_label, self.size_box)
        defaults.addRow(self.script_label, self.script_box)
        defaults.addRow(self.theme_label, self.theme_box)
        self.column.addLayout(defaults)
        self.add(self.message, self.pin_title, self.pin_button, self.quit_button)
        self.column.addStretch(1)
        for box in (self.idle_box, self.size_box, self.script_box, self.theme_box):
            box.activated.connect(lambda _index, b=box: self._chosen(b))

    # --- actions ----------------------------------------------------------------------------
    def toggle_mode(self) -> None:
        community = self.ctx.community
        if community.active:
            community.leave()
            self.say(self.t("staff.settings.mode_now_off"))
        elif community.enter():
            self.say(self.t("staff.settings.mode_now_on"))
        else:
            self.say(self.t("staff.settings.need_pin"))
        self.retranslate()

    def _chosen(self, box: QComboBox) -> None:
        field = {self.idle_box: "idle_minutes", self.size_box: "default_font_size",
                 self.script_box: "default_script", self.theme_box: "default_theme"}[box]
        self.settings.set(field, box.currentData())
        self.say(self.t("staff.settings.saved"))

    def quit_pressed(self) -> None:
        if not self._quit_armed:  # a second press, so a stray click does not end it
            self._quit_armed = True
            self.retranslate()
            return
        self.ctx.community.quit_program()

    def refresh(self) -> None:
        self._quit_armed = False
        self.say("")
        self.retranslate()

    # --- texts ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        if self.look is None:
            return
        t = self.t
        active = self.ctx.community.active
        self.mode_title.setText(t("staff.settings.mode_heading"))
        self.mode_hint.setText(t("staff.settings.mode_hint"))
        state = t("staff.status.mode_on" if active else "staff.status.mode_off")
        if self.ctx.community.kiosk_flag:
            state += "\n" + t("staff.settings.mode_flag")
        self.mode_state.setText(state)
        key = "staff.settings.mode_off" if active else "staff.settings.mode_on"
        self.mode_button.set_texts(t(key), t(f"{key}_desc"))
        self.idle_label.setText(t("staff.settings.idle"))
        self.idle_hint.setText(t("staff.settings.idle_hint"))
        self._fill(self.idle_box, [(t("staff.settings.idle_item", minutes=m), m)
                                   for m in IDLE_CHOICES], "idle_minutes")
        self.defaults_title.setText(t("staff.settings.defaults_heading"))
        self.defaults_hint.setText(t("staff.settings.defaults_hint"))
        self.size_label.setText(t("staff.settings.size"))
        self._fill(self.size_box, [(t("staff.settings.size_item", pt=pt), pt)
                                   for pt in SIZE_STEPS], "default_font_size")
        self.script_label.setText(t("staff.settings.script"))
        self._fill(self.script_box, [(t(f"staff.settings.{s}"), s)
                                     for s in ("simplified", "traditional")], "default_script")
        self.theme_label.setText(t("staff.settings.theme"))
        self._fill(self.theme_box, [(t(theme.name_key), theme.id) for theme in THEMES.values()],
                   "default_theme")
        self.pin_title.setText(t("staff.settings.pin_heading"))
        self.pin_button.set_texts(t("staff.settings.change_pin"),
                                  t("staff.settings.change_pin_desc"))
        for box, name in ((self.idle_box, "staff.settings.idle"),
                          (self.size_box, "staff.settings.size"),
                          (self.script_box, "staff.settings.script"),
                          (self.theme_box, "staff.settings.theme")):
            box.setAccessibleName(t(name))
        quit_key = "staff.settings.quit_confirm" if self._quit_armed else "staff.settings.quit"
        self.quit_button.set_texts(t(quit_key), t("staff.settings.quit_desc"))

    def _fill(self, box: QComboBox, items: list[tuple[str, object]], field: str) -> None:
        box.blockSignals(True)
        box.clear()
        for text, value in items:
            box.addItem(text, value)
        current = self.settings.get(field)
        index = box.findData(current)
        if index < 0:  # a value set by hand in the file that is not in the list
            box.addItem(str(current), current)
            index = box.count() - 1
        box.setCurrentIndex(index)
        box.blockSignals(False)
