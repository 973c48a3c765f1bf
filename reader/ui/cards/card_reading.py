"""朗读这张卡: the card page read aloud, sentence by sentence, with the sentence shown.

It speaks through the window's Voice, the speech worker the article's read-aloud uses
too, so there is one voice and one worker. What is said comes from the
blocks as displayed (either script) through reader.core.speech_text, like the article;
steps are announced ("第1步") and phone numbers are said digit by digit. The sentence
being said is highlighted in its block and kept on screen.

Decisions: a 简/繁 switch, leaving the page, another card, or the Voice's `stop_all()`
(community-centre reset) ends the reading, as in the article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, Signal

from reader.core.article import Script
from reader.core.strings import text
from reader.core.text_style import TextSpan
from reader.ui.shell.voice import plain_problem
from reader.ui.widgets.text_block import TextBlock

if TYPE_CHECKING:
    from reader.ui.cards.card_page import CardPage
    from reader.ui.shell.main_window import MainWindow
    from reader.ui.shell.voice import Voice

UID_PREFIX = "card"  # the article's readings use plain numbers: "<n>:<i>"


class Said(NamedTuple):
    block: TextBlock
    start: int
    end: int
    chunks: tuple[str, ...]


def plan_card(parts: list[tuple[TextBlock, str]], script: Script) -> list[Said]:
    """Each sentence of each block, with the words said before a block ("第1步。") joined
    to its first sentence."""
    from reader.core.speech_text import prepare

    said: list[Said] = []
    for block, lead in parts:
        sentences = prepare(block.plain_text(), script)
        lead_chunks = tuple(c for s in prepare(lead, "simplified") for c in s.chunks) \
            if lead else ()
        for n, sentence in enumerate(sentences):
            chunks = (lead_chunks + sentence.chunks) if n == 0 else sentence.chunks
            said.append(Said(block, sentence.start, sentence.end, chunks))
    return said


class CardReading(QObject):
    state_changed = Signal(bool)  # True while reading

    def __init__(self, window: MainWindow, page: CardPage, voice: Voice) -> None:
        super().__init__(window)
        self._window = window
        self._page = page
        self._voice = voice
        self._said: list[Said] = []
        self._number = 0
        self._current: int | None = None
        self._lit: TextBlock | None = None
        voice.stop_requested.connect(self.stop)
        voice.sentence_started.connect(self._on_started)
        voice.finished.connect(self._on_done)
        voice.failed.connect(self._on_failed)

    @property
    def reading(self) -> bool:
        return bool(self._said)

    def toggle(self) -> None:
        if self.reading:
            self.stop()
        else:
            self.read(0)

    def read(self, index: int) -> None:
        """Read the card on the page from sentence `index` to the end."""
        look = self._page.look
        if look is None:
            return
        problem = self._voice.problem()
        if problem is not None:
            self.stop()
            self._show_problem(problem)
            return
        said = plan_card(self._page.reading_blocks(), look.script)
        if not 0 <= index < len(said):
            self.stop()
            return
        self._said = said
        self._number += 1
        self._voice.speak([(f"{UID_PREFIX}{self._number}:{i}", chunk)
                           for i in range(index, len(said)) for chunk in said[i].chunks],
                          self._window.settings.get("speed"))
        self._light(index)
        self.state_changed.emit(True)
        self._window.count("read_aloud_started")

    def stop(self) -> None:
        was_reading = self.reading
        self._said = []
        self._current = None
        self._unlight()
        if was_reading:
            self._voice.silence()
            self.state_changed.emit(False)

    def script_changed(self) -> None:
        """A 简/繁 switch stops the voice, as in the article."""
        self.stop()

    def look_changed(self) -> None:
        if self.reading and self._current is not None:
            self._light(self._current)  # new colours, new line positions

    # --- the speech worker's events ---------------------------------------------------
    def _own_index(self, uid: str) -> int | None:
        number, _, index = uid.partition(":")
        if not self.reading or number != f"{UID_PREFIX}{self._number}":
            return None
        return int(index)

    def _on_started(self, uid: str) -> None:
        index = self._own_index(uid)
        if index is not None:
            self._light(index)

    def _on_done(self) -> None:
        if self.reading:
            self.stop()

    def _on_failed(self, message: str) -> None:
        if self.reading:
            self.stop()
            self._show_problem(message)

    def _show_problem(self, message: str) -> None:
        # the message line takes simplified text and converts it for the reader
        self._window.notice.show_message(
            text("card.reading_failed", reason=plain_problem(message)), 15)

    # --- highlight ----------------------------------------------------------------------
    def _light(self, index: int) -> None:
        look = self._page.look
        if look is None or not 0 <= index < len(self._said):
            return
        self._current = index
        said = self._said[index]
        if self._lit is not None and self._lit is not said.block:
            self._unlight()
        said.block.set_spans([TextSpan(said.start, said.end, "highlight")], look.span_colours)
        self._lit = said.block
        self._page.ensure_visible(said.block)

    def _unlight(self) -> None:
        if self._lit is not None:
            try:
                self._lit.set_spans([])
            except RuntimeError:  # the page was rebuilt for another card
                pass
            self._lit = None
