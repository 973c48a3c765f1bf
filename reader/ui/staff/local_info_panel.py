"""本地信息: a form for the local-information file, so staff never need to know TOML.

Big fields for the centre (name, address, phone, hours), the day the numbers were last
checked (号码核实日期, printed on cards), and, for the card chosen in the list, where to
go locally (office, address, phone, hours, a note). Under them, how the chosen card's
本地办理 section will look, in the interface's script, as it is typed. 保存 checks
every field (reader.core.local_info_save says what is wrong, in plain words, next to the
field) and writes the same file atomically, keeping its comments. Hand-editing still
works: 重新读取 reads the file again, and 用记事本打开 (outside community mode) opens it
in the system's text editor.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QWidget

from reader.core.card_text import card_sections
from reader.core.cards import Card
from reader.core.local_info import (
    CENTRE_FIELDS,
    CHECKED_KEY,
    OFFICE_FIELDS,
    LocalInfo,
    load_local_info,
)
from reader.core.local_info_save import (
    FieldProblem,
    LocalInfoSaveError,
    check_local_info,
    form_values,
    info_from_values,
    parse_checked_date,
    save_local_info,
)
from reader.core.strings import STRINGS
from reader.core.typography import MIN_TARGET_PX
from reader.ui.staff.file_health import current_cards
from reader.ui.staff.parts import Panel, button, combo, heading, label
from reader.ui.staff.text_editor import open_in_text_editor

if TYPE_CHECKING:
    from reader.ui.staff.context import StaffContext


class FieldRow:
    """One labelled field with its plain-words problem under it."""

    def __init__(self, form: QFormLayout, name: str) -> None:
        self.label = QLabel()
        self.edit = QLineEdit()
        self.edit.setObjectName(f"local.{name}")
        self.edit.setMinimumHeight(MIN_TARGET_PX)
        self.problem = label(name=f"local.{name}.problem")
        self.problem.setProperty("staffBold", True)
        self.problem.hide()
        form.addRow(self.label, self.edit)
        form.addRow(self.problem)

    def set_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))


class LocalInfoPanel(Panel):
    key = "local"

    def __init__(self, ctx: StaffContext) -> None:
        super().__init__(ctx)
        self.title, self.howto = heading(), label()
        self.file_problems = label(name="localProblems")
        self.replace_button = button("localReplace")
        self.replace_button.clicked.connect(lambda: self.save(replace_broken=True))
        self.centre_title = heading()
        centre_form = self._form()
        self.rows = {f"centre.{key}": FieldRow(centre_form, f"centre.{key}")
                     for key in CENTRE_FIELDS}
        self.checked_title, self.checked_hint = heading(), label()
        checked_form = self._form()
        self.rows[CHECKED_KEY] = FieldRow(checked_form, CHECKED_KEY)
        self.today_button = button("localToday")
        self.today_button.clicked.connect(self.checked_today)
        self.cards_title, self.cards_hint = heading(), label()
        self.card_box = combo("localCard")
        self.card_box.activated.connect(lambda _index: self.choose_card())
        self.card_label = QLabel()
        choice = QHBoxLayout()
        choice.addWidget(self.card_label)
        choice.addWidget(self.card_box, 1)
        card_form = self._form()
        self.card_rows = {key: FieldRow(card_form, f"card.{key}") for key in OFFICE_FIELDS}
        self.preview_title = heading()
        self.preview = label(name="localPreview")
        frame = QFrame()
        frame.setObjectName("staffRow")
        QHBoxLayout(frame).addWidget(self.preview)
        self.save_button = button("localSave")
        self.save_button.clicked.connect(lambda: self.save())
        self.reload_button = button("localReload")
        self.reload_button.clicked.connect(self.reload)
        self.open_button = button("localOpen")
        self.open_button.clicked.connect(self.open_file)
        actions = QWidget()
        row = QHBoxLayout(actions)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.save_button, self.reload_button, self.open_button):
            row.addWidget(widget)
        row.addStretch(1)
        self.path_line = label(name="localPath")
        self.kiosk_note = label(name="localKioskNote")

        self.add(self.title, self.howto, self.file_problems, self.replace_button,
                 self.centre_title)
        self.column.addLayout(centre_form)
        self.add(self.checked_title, self.checked_hint)
        self.column.addLayout(checked_form)
        self.add(self.today_button, self.cards_title, self.cards_hint)
        self.column.addLayout(choice)
        self.column.addLayout(card_form)
        self.add(self.preview_title, frame, actions, self.message, self.path_line,
                 self.kiosk_note)
        self.column.addStretch(1)
        for field_row in [*self.rows.values(), *self.card_rows.values()]:
            field_row.edit.textEdited.connect(lambda _text: self._edited())

        self.info: LocalInfo | None = None
        self.cards: list[Card] = []
        self.values: dict[str, str] = {}  # every field's text, see form_values
        self.card_id = ""  # the card whose fields are shown
        self._reload_armed = False
        self.opener = open_in_text_editor  # replaced in tests

    @staticmethod
    def _form() -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(8)
        return form

    # --- reading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.cards = list(current_cards(self.ctx))
        self.info = load_local_info(cards=[(card.id, card.title) for card in self.cards])
        self.values = form_values(self.info)
        self.card_id = self.card_id or (self.cards[0].id if self.cards else "")
        self._reload_armed = False
        self.say("")
        self.retranslate()
        self._show_problems([])

    def reload(self) -> None:
        if self._dirty() and not self._reload_armed:
            self._reload_armed = True  # a second press throws away what was typed
            self.say(self.t("staff.local.reload_confirm"))
            return
        self.refresh()
        self.say(self.t("staff.local.reloaded"))

    # --- the form -----------------------------------------------------------------------------
    def choose_card(self) -> None:
        self._keep_card_fields()
        self.card_id = str(self.card_box.currentData() or "")
        self._show_card_fields()
        self._update_preview()

    def checked_today(self) -> None:
        self.rows[CHECKED_KEY].edit.setText(date.today().isoformat())
        self._edited()

    def _edited(self) -> None:
        self._keep_card_fields()
        for name, field_row in self.rows.items():
            self.values[name] = field_row.edit.text()
        self._reload_armed = False
        self._update_preview()

    def _keep_card_fields(self) -> None:
        if self.card_id:
            for key, field_row in self.card_rows.items():
                self.values[f"cards.{self.card_id}.{key}"] = field_row.edit.text()

    def _show_card_fields(self) -> None:
        for key, field_row in self.card_rows.items():
            field_row.edit.setText(self.values.get(f"cards.{self.card_id}.{key}", ""))

    def form_info(self) -> tuple[LocalInfo, list[FieldProblem]]:
        """What the form says now, and a problem when the date is not a day."""
        self._edited()
        try:
            checked = parse_checked_date(self.values.get(CHECKED_KEY, ""))
        except ValueError as exc:
            return info_from_values(self.values, None), [FieldProblem(CHECKED_KEY, str(exc))]
        return info_from_values(self.values, checked), []

    def _dirty(self) -> bool:
        if self.info is None:
            return False
        self._keep_card_fields()
        current = {name: text.strip() for name, text in self.values.items() if text.strip()}
        saved = {name: text for name, text in form_values(self.info).items() if text}
        return current != saved

    # --- saving -------------------------------------------------------------------------------
    def save(self, replace_broken: bool = False) -> bool:
        if self.info is None or self.info.path is None:
            return False
        info, problems = self.form_info()
        titles = {card.id: self.in_script(card.title) for card in self.cards}
        problems += check_local_info(info, date.today(), titles)
        self._show_problems(problems)
        if problems:
            lines = [self.t("staff.local.fix_first", count=len(problems))]
            lines += [f"• {self.look_convert(problem.message)}" for problem in problems]
            self.say("\n".join(lines))
            return False
        try:
            result = save_local_info(info, self.info.path, self.info.text,
                                     [(card.id, card.title) for card in self.cards],
                                     replace_broken=replace_broken)
        except LocalInfoSaveError as exc:
            self.say(self.look_convert(exc.message))
            return False
        self.refresh()
        message = self.t("staff.local.saved")
        if result.kept_broken is not None:
            message += self.t("staff.local.kept_broken", name=result.kept_broken.name)
        self.say(message)
        return True

    def _show_problems(self, problems: list[FieldProblem]) -> None:
        found = {problem.field: problem.message for problem in reversed(problems)}
        card_problem = next((p.field.split(".")[1] for p in problems
                             if p.field.startswith("cards.")), "")
        if card_problem and not any(p.field.startswith(f"cards.{self.card_id}.")
                                    for p in problems):
            self._keep_card_fields()
            self.card_id = card_problem  # show the card that needs a fix
            self._fill_card_box()
            self._show_card_fields()
        for name, field_row in self.rows.items():
            field_row.set_problem(self._fix(found.get(name, "")))
        for key, field_row in self.card_rows.items():
            field_row.set_problem(self._fix(found.get(f"cards.{self.card_id}.{key}", "")))

    def _fix(self, problem: str) -> str:
        return self.t("staff.local.fix", problem=self.look_convert(problem)) if problem else ""

    def open_file(self) -> None:
        if self.ctx.community.active or self.info is None or self.info.path is None:
            return
        path = self.info.path

        def opened(started: bool) -> None:
            if not started:
                self.say(self.t("staff.local.open_failed", path=path))

        self.opener(path, opened)  # returns at once; `opened` may come a little later

    def look_convert(self, text: str) -> str:
        return self.look.convert(text) if self.look is not None else text

    # --- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        if self.look is None:
            return
        t = self.t
        self.title.setText(t("staff.local.tab"))
        self.howto.setText(t("staff.local.howto"))
        info = self.info
        problems = info.problems if info is not None else ()
        self.file_problems.setText("\n".join(
            [t("staff.local.problems"), *(f"• {self.look_convert(p)}" for p in problems)]))
        self.file_problems.setVisible(bool(problems))
        self.replace_button.setVisible(info is not None and info.broken)
        self.replace_button.set_texts(t("staff.local.replace"), t("staff.local.replace_desc"))
        self.centre_title.setText(t("staff.local.centre"))
        for key, name in CENTRE_FIELDS.items():
            self._label_row(self.rows[f"centre.{key}"], name, required=key == "name")
        self.checked_title.setText(t("staff.local.checked_heading"))
        self.checked_hint.setText(t("staff.local.checked_hint"))
        self._label_row(self.rows[CHECKED_KEY], STRINGS["staff.local.checked"])
        self.rows[CHECKED_KEY].edit.setPlaceholderText("2026-12-06")
        self.today_button.set_texts(t("staff.local.today"), t("staff.local.today_desc"))
        self.cards_title.setText(t("staff.local.cards_heading"))
        self.cards_hint.setText(t("staff.local.cards_hint"))
        self.card_label.setText(t("staff.local.card"))
        self.card_box.setAccessibleName(t("staff.local.card"))
        for key, name in OFFICE_FIELDS.items():
            self._label_row(self.card_rows[key], name)
        self.preview_title.setText(t("staff.local.preview_heading"))
        self.save_button.set_texts(t("staff.local.save"), t("staff.local.save_desc"))
        self.reload_button.set_texts(t("staff.local.reload"), t("staff.local.reload_desc"))
        self.open_button.set_texts(t("staff.local.open"), t("staff.local.open_desc"))
        if info is not None and info.path is not None:
            self.path_line.setText(t("staff.local.file", path=info.path))
        kiosk = self.ctx.community.active
        self.kiosk_note.setText(t("staff.local.kiosk_note"))
        self.kiosk_note.setVisible(kiosk)
        self.open_button.setEnabled(not kiosk)
        for name, field_row in self.rows.items():
            field_row.edit.setText(self.values.get(name, ""))
        self._fill_card_box()
        self._show_card_fields()
        self._update_preview()

    def _label_row(self, field_row: FieldRow, name: str, required: bool = False) -> None:
        text = self.look_convert(name)
        field_row.label.setText(self.t("staff.local.required", label=text) if required
                                else text)
        field_row.edit.setAccessibleName(text)

    def _fill_card_box(self) -> None:
        box = self.card_box
        box.blockSignals(True)
        box.clear()
        for card in self.cards:
            title = self.in_script(card.title)
            filled = any(self.values.get(f"cards.{card.id}.{key}", "").strip()
                         for key in OFFICE_FIELDS)
            box.addItem(self.t("staff.local.card_filled", title=title) if filled else title,
                        card.id)
        box.setCurrentIndex(max(0, box.findData(self.card_id)))
        box.blockSignals(False)

    def _update_preview(self) -> None:
        card = next((card for card in self.cards if card.id == self.card_id), None)
        if card is None or self.look is None:
            self.preview.setText("")
            return
        info = self._preview_info()
        script = self.look.script
        local = [section for section in card_sections(card, info, script)
                 if section.key == "local"]
        lines = [f"【{self.in_script(card.title)}】"]
        if local:
            lines += [local[0].title, *(f"· {line.text}" for line in local[0].lines)]
        else:
            lines.append(self.t("staff.local.preview_empty"))
        self.preview.setText("\n".join(lines))

    def _preview_info(self) -> LocalInfo:
        """The form as it is, for the preview (a date still being typed counts as none)."""
        self._keep_card_fields()
        try:
            checked = parse_checked_date(self.values.get(CHECKED_KEY, ""))
        except ValueError:
            checked = None
        return info_from_values(self.values, checked)
