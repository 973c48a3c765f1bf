"""朗读声音: which voice reads aloud (auto / neural / system), the voice in use and why,
a 试听 button for each voice, and the neural voice's licence note.

A 试听 starts a speech worker of its own for that voice (so the choice can be heard
before it is saved) and ends it when the sentence is done, the panel is left or the
other voice is tried. The window's reading is stopped first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFormLayout, QLabel

from reader.core.strings import convert_text
from reader.speech.neural_model import LICENCE_NOTE
from reader.speech.voice_choice import VOICE_CHOICES, VoiceKind
from reader.ui.staff.parts import Panel, button, combo, heading, label

if TYPE_CHECKING:
    from reader.speech.service import SpeechService
    from reader.speech.voices import VoiceStatus
    from reader.ui.staff.context import StaffContext

POLL_MS = 50
TRIED_VOICES: tuple[VoiceKind, ...] = ("neural", "system")


class VoicePanel(Panel):
    key = "voice"

    def __init__(self, ctx: StaffContext) -> None:
        super().__init__(ctx)
        self.settings = ctx.settings
        self.title = heading()
        self.hint = label()
        self.choice_label = QLabel()
        self.choice_box = combo("voiceChoice")
        self.choice_box.activated.connect(self._chosen)
        self.in_use = label(name="voiceInUse")
        self.try_title = heading()
        self.try_buttons = {kind: button(f"voiceTry.{kind}") for kind in TRIED_VOICES}
        for kind, try_button in self.try_buttons.items():
            try_button.clicked.connect(lambda _=False, k=kind: self.try_voice(k))
        self.licence_title = heading()
        self.licence = label(name="voiceLicence")
        self.add(self.title, self.hint)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.choice_label, self.choice_box)
        self.column.addLayout(form)
        self.add(self.in_use, self.try_title, *self.try_buttons.values(), self.message)
        self.add(self.licence_title, self.licence)
        self.column.addStretch(1)
        self.trial: SpeechService | None = None
        self.trial_kind: VoiceKind | None = None
        self.fallback_note = ""  # the voice tried could not run: why, and what was heard
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._poll_trial)

    # --- actions ----------------------------------------------------------------------------
    def _chosen(self) -> None:
        self.settings.set("voice", self.choice_box.currentData())
        self.say(self.t("staff.voice.saved"))

    def try_voice(self, kind: VoiceKind) -> None:
        # Imported on the first 试听, not when the staff page opens: the number
        # reading and the worker's set-up are not needed to show the panel.
        from reader.core.speech_text import prepare
        from reader.speech.service import SpeechService

        self.end_trial()
        self.ctx.stop_speech()
        script = self.ctx.look().script
        sample = self.t("staff.voice.sample")
        items = [
            (str(n), chunk) for n, s in enumerate(prepare(sample, script)) for chunk in s.chunks
        ]
        self.trial, self.trial_kind = SpeechService(voice=kind), kind
        self.fallback_note = ""
        self.trial.speak(items, self.settings.get("speed"))
        self.say(self.t("staff.voice.trying"))
        self._timer.start(POLL_MS)

    def end_trial(self) -> None:
        self._timer.stop()
        if self.trial is not None:
            self.trial.close()
        self.trial = self.trial_kind = None

    def _poll_trial(self) -> None:
        trial = self.trial
        if trial is None:
            return
        for event in trial.poll_events():
            if event.kind == "started":
                self._say_trial_voice(trial.voice_status)
            elif event.kind == "done":
                self.say(self.fallback_note + self.t("staff.voice.tried"))
                self.end_trial()
                return
            elif event.kind == "error":
                self.say(convert_text(event.message, self.ctx.look().script))
                self.end_trial()
                return

    def _say_trial_voice(self, status: VoiceStatus | None) -> None:
        if status is None or self.trial_kind is None or status.kind == self.trial_kind:
            return
        name = self.t(f"staff.voice.{self.trial_kind}")
        text = self.t("staff.voice.fell_back", name=name, voice=self.t("staff.voice.system"))
        reason = convert_text(status.reason, self.ctx.look().script)
        self.fallback_note = f"{text}（{reason}）。"
        self.say(self.fallback_note)

    def refresh(self) -> None:
        self.end_trial()
        self.say("")
        self.retranslate()

    def hideEvent(self, event: object) -> None:
        self.end_trial()  # leaving the panel ends a 试听 still playing
        super().hideEvent(event)  # type: ignore[arg-type]

    # --- texts ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        if self.look is None:
            return
        t = self.t
        self.title.setText(t("staff.voice.heading"))
        self.hint.setText(t("staff.voice.hint"))
        self.choice_label.setText(t("staff.voice.choice"))
        self.choice_box.setAccessibleName(t("staff.voice.choice"))
        self.choice_box.blockSignals(True)
        self.choice_box.clear()
        for choice in VOICE_CHOICES:
            self.choice_box.addItem(t(f"staff.voice.{choice}"), choice)
        self.choice_box.setCurrentIndex(
            max(0, self.choice_box.findData(self.settings.get("voice")))
        )
        self.choice_box.blockSignals(False)
        status = self.ctx.voice_status()
        script = self.look.script
        self.in_use.setText(
            t("staff.voice.now", voice=convert_text(status.describe(), script))
            if status is not None
            else t("staff.voice.not_started")
        )
        self.try_title.setText(t("staff.voice.try_heading"))
        for kind, try_button in self.try_buttons.items():
            name = t(f"staff.voice.{kind}")
            try_button.set_texts(
                t("staff.voice.try", name=name), t("staff.voice.try_desc", name=name)
            )
        self.licence_title.setText(t("staff.voice.licence_heading"))
        self.licence.setText(convert_text(LICENCE_NOTE, script))
