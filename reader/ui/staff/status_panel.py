"""状况: is everything all right? Community mode, broken files, where the error log is
and its last entries (the same facts `python -m reader doctor` prints)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader import crash, paths
from reader.core.pin import RESET_COMMAND
from reader.ui.staff.file_health import file_problems
from reader.ui.staff.parts import Panel, button, heading, label

if TYPE_CHECKING:
    from reader.ui.staff.context import StaffContext


class StatusPanel(Panel):
    key = "status"

    def __init__(self, ctx: StaffContext) -> None:
        super().__init__(ctx)
        self.title = heading()
        self.mode = label(name="statusMode")
        self.pin = label(name="statusPin")
        self.files = label(name="statusFiles")
        self.log = label(name="statusLog")
        self.errors = label(name="statusErrors")
        self.check = button("statusCheck")
        self.check.clicked.connect(self.refresh)
        self.add(self.title, self.mode, self.pin, self.files, self.log, self.errors, self.check)
        self.column.addStretch(1)
        self._problems: list[str] = []
        self._errors: list[str] = []

    def refresh(self) -> None:
        self._problems = file_problems(self.ctx)
        self._errors = crash.last_errors(5)
        self.retranslate()

    def retranslate(self) -> None:
        look = self.look
        if look is None:
            return
        self.title.setText(self.t("staff.status.tab"))
        self.mode.setText(self.t("staff.status.mode_on" if self.ctx.community.active
                                 else "staff.status.mode_off"))
        self.pin.setText(self.t("staff.status.pin_reset", command=RESET_COMMAND,
                                path=self.ctx.pin_store().path))
        if self._problems:
            lines = [self.t("staff.status.problems")]
            lines += [f"• {look.convert(problem)}" for problem in self._problems]
            self.files.setText("\n".join(lines))
        else:
            self.files.setText(self.t("staff.status.ok"))
        self.log.setText(self.t("staff.status.log", path=paths.log_file()))
        if self._errors:
            self.errors.setText("\n".join([self.t("staff.status.last_errors"),
                                           *(f"• {line}" for line in self._errors)]))
        else:
            self.errors.setText(self.t("staff.status.no_errors"))
        self.check.set_texts(self.t("staff.status.check"), self.t("staff.status.check_desc"))
