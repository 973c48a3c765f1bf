"""状况: is everything all right? Community mode, broken files, where the error log is
and its last entries (the same facts `python -m reader doctor` prints), the presses of
请工作人员帮忙 since the program started (kept in memory only) and this month's count,
and 试一下声音 (one sentence through the reading path)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from reader import crash, paths
from reader.core.help_calls import SCREEN_WORDS
from reader.core.pin import RESET_COMMAND
from reader.core.strings import STRINGS
from reader.ui.staff.file_health import file_problems
from reader.ui.staff.parts import Panel, button, heading, label

if TYPE_CHECKING:
    from reader.speech.sound_check import SoundCheck
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
        self.help_calls = label(name="statusHelpCalls")
        self.sound_button = button("statusSoundTest")
        self.sound_button.clicked.connect(self.test_sound)
        self.sound_result = label(name="statusSound")
        self.add(self.title, self.mode, self.pin, self.files, self.log, self.errors, self.check,
                 self.help_calls, self.sound_button, self.sound_result)
        self.column.addStretch(1)
        self._problems: list[str] = []
        self._errors: list[str] = []
        self._calls: list[str] = []
        self._month_presses = 0
        self._sound: tuple[str, bool] | None = None  # (message key or text, is a key)
        self._sound_check: SoundCheck | None = None
        self._sound_timer = QTimer(self)
        self._sound_timer.setInterval(100)
        self._sound_timer.timeout.connect(self._poll_sound)

    def refresh(self) -> None:
        self._problems = file_problems(self.ctx)
        self._errors = crash.last_errors(5)
        usage = self.ctx.usage()
        self._month_presses = usage.month().help_presses
        self._calls = [STRINGS["staff.status.help_call"].format(
                           month=c.when.month, day=c.when.day, time=f"{c.when:%H:%M}",
                           screen=SCREEN_WORDS.get(c.screen, c.screen))
                       for c in usage.recent_help.newest_first()[:5]]
        self.retranslate()

    # --- 试一下声音 ------------------------------------------------------------------------------
    def test_sound(self) -> None:
        """Play the test sentence (its own speech worker, so a reading is not disturbed)."""
        from reader.speech.sound_check import SoundCheck

        if self._sound_check is not None:
            return  # still playing: the rest of a burst of presses
        self._sound_check = SoundCheck()
        self._sound_check.start()
        self._sound = ("staff.status.sound_playing", True)
        self._sound_timer.start()
        self.retranslate()

    def _poll_sound(self) -> None:
        check = self._sound_check
        result = check.poll() if check is not None else None
        if check is None or result is None:
            return
        self._sound_timer.stop()
        check.close()
        self._sound_check = None
        self._sound = (result[1], False)
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
        lines = [self.t("staff.status.help_month", n=self._month_presses)]
        if self._calls:
            lines.append(self.t("staff.status.help_calls"))
            lines += [f"• {look.convert(line)}" for line in self._calls]
        else:
            lines.append(self.t("staff.status.no_help_calls"))
        self.help_calls.setText("\n".join(lines))
        self.sound_button.set_texts(self.t("staff.status.sound_test"),
                                    self.t("staff.status.sound_test_desc"))
        if self._sound is not None:
            text, is_key = self._sound
            self.sound_result.setText(self.t(text) if is_key else look.convert(text))
        self.sound_result.setVisible(self._sound is not None)
