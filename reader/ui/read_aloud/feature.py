"""Read-aloud in the window: the buttons, what is read, and the highlight that follows.

The composition root (reader.ui.compose) makes one ReadAloud with the window's Voice;
everything else is wired here:
- toolbar: 朗读全文, 暂停/继续, 停止 and the speed (慢/中/快, kept in the settings),
  shown on the article page only (the home page has nothing to read);
- a 朗读这一段 button under each section heading;
- clicking a paragraph while reading moves the reading there; otherwise a 从这里读
  button opens right under the clicked paragraph (or, from the keyboard, under the
  top paragraph of the view when Enter is pressed on the article).

What is read is planned from the text as displayed (either script): each sentence keeps
its block id and offsets for the highlight, and its utterances (always simplified, see
reader.core.speech_text) go to the Voice with the id "<reading>:<sentence>:<part>".

Decisions about changes while reading: a new size or colour keeps the voice going and
puts the sentence back in the middle; a new speed stops the voice at once and reads
again from the start of the same sentence at the new speed; a 简/繁 switch, a new
article, another page, the window closing or the Voice's `stop_all()` (the
community-centre reset) end the reading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from reader.core.article import Article, Script
from reader.core.look import Look
from reader.speech.engine import SPEEDS
from reader.ui.read_aloud.from_here import FromHere, keep_in_middle
from reader.ui.read_aloud.plan import (
    ALL,
    Planned,
    Reading,
    Scope,
    first_index,
    part_of,
    plan,
    scope_blocks,
    scope_of,
)
from reader.ui.shell.voice import plain_problem
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.basics import BigButton

if TYPE_CHECKING:
    from reader.ui.shell.main_window import MainWindow
    from reader.ui.shell.voice import Voice

SHOW_PROBLEM_SECONDS = 15  # a message that asks for staff stays a while


class ReadAloud(QObject):
    """Owns the read-aloud buttons; speaks through the window's Voice."""

    def __init__(self, window: MainWindow, voice: Voice) -> None:
        super().__init__(window)
        self._window = window
        self._voice = voice
        self._view: ArticleView = window.article_page.view
        self._reading: Reading | None = None
        self._number = 0
        self._script = cast(Script, window.settings.script)
        self._section_buttons: dict[int, BigButton] = {}  # by section index
        self._here = FromHere(self._view, self)
        self._here.chosen.connect(self._on_enter_pressed)
        self._here.read_from.connect(self.read_from)
        self._here.read_part.connect(self.read_part)

        self.read_all_button = self._toolbar_button("readAloud.all", self.read_all)
        self.pause_button = self._toolbar_button("readAloud.pause", self.pause_or_continue)
        self.stop_button = self._toolbar_button("readAloud.stop", self.stop)
        self.speed_button = self._toolbar_button("readAloud.speed", self.next_speed)
        window.toolbar.flow.keep_together([self.read_all_button, self.pause_button,
                                           self.stop_button, self.speed_button])

        window.page_changed.connect(self._on_page_changed)
        window.look_changed.connect(self._on_look_changed)
        window.settings.changed.connect(self._on_setting_changed)
        self._view.article_shown.connect(self._on_article_shown)
        self._view.block_clicked.connect(self._on_block_clicked)
        voice.stop_requested.connect(self.stop)
        voice.sentence_started.connect(self._on_sentence_started)
        voice.sentence_finished.connect(self._on_sentence_finished)
        voice.finished.connect(self._on_reading_done)
        voice.failed.connect(self._on_failed)
        self._relabel(window.look)

    # --- what the buttons do -------------------------------------------------------------
    def read_all(self) -> None:
        self._read(ALL, None)

    def say(self, message: str) -> None:
        """Say a short message (in the reader's script) when nothing is being read; its
        end and any failure are not a reading's, so no highlight and no message."""
        if self._reading is not None or self._voice.problem() is not None:
            return
        from reader.core.speech_text import prepare

        # "say<n>" ids are no reading's: every reader ignores their events.
        items = [(f"say{i}", chunk) for i, sentence in enumerate(prepare(message, self._script))
                 for chunk in sentence.chunks]
        self._voice.speak(items, self._window.settings.get("speed"))

    def read_section(self, index: int) -> None:
        self._read(index, None)

    def choose_block(self, block_id: str) -> None:
        """As a click on the paragraph `block_id` does, scrolled into view first (for the
        screenshot command)."""
        self._view.scroll_to_block(block_id, "top")
        self._on_block_clicked(block_id)

    def read_part(self, block_id: str) -> None:
        """朗读这一段 beside a chosen paragraph: its part (the paragraph, or it and the
        short ones around it: reader.core.read_parts), from the part's start."""
        article = self._view.article
        part = part_of(article, block_id) if article is not None else None
        if part:
            self._read(part, None)

    def read_from(self, block_id: str) -> None:
        """From the start of `block_id` to the end of the article."""
        self._read(ALL, block_id)

    def pause_or_continue(self) -> None:
        reading = self._reading
        if reading is None:
            self._window.show_notice("speech.not_reading")
        elif reading.paused_at is None:
            self._pause(reading)
        else:
            self._speak(reading.scope, reading.sentences, reading.paused_at)

    def stop(self) -> None:
        """Silence now and forget the reading (also for the community-centre reset)."""
        had_reading = self._reading is not None
        self._reading = None
        if had_reading:
            self._voice.silence()
        self._view.clear_highlight()
        self._relabel(self._window.look)

    def next_speed(self) -> None:
        speed = self._window.settings.get("speed")
        self._window.settings.set("speed", SPEEDS[(SPEEDS.index(speed) + 1) % len(SPEEDS)])

    @property
    def state(self) -> str:
        """"idle", "reading" or "paused"."""
        if self._reading is None:
            return "idle"
        return "reading" if self._reading.paused_at is None else "paused"

    @property
    def chosen_block(self) -> str | None:
        """The block the 从这里读 button is showing under, if it is shown."""
        return self._here.block

    # --- reading ---------------------------------------------------------------------------
    def _read(self, scope: Scope, block_id: str | None) -> None:
        article = self._view.article
        if article is None:
            return
        sentences = plan(article, scope, self._script)
        index: int | None = 0
        if block_id is not None:
            index = first_index(sentences, scope_blocks(article, scope), block_id)
        if index is None or index >= len(sentences):
            return
        reading = self._reading
        if (reading is not None and reading.paused_at is None and reading.scope == scope
                and reading.start == index and reading.current in (None, index)):
            return  # already reading from there: the rest of a burst of presses
        self._speak(scope, sentences, index)
        if self._reading is not None:
            self._window.count("read_aloud_started")

    def _speak(self, scope: Scope, sentences: list[Planned], index: int) -> None:
        problem = self._voice.problem()
        if problem is not None:
            self.stop()
            self._show_problem(problem)
            return
        self._number += 1
        self._reading = Reading(scope, sentences, index, self._number)
        # One id per utterance ("reading:sentence:part"), so the view can follow a long
        # sentence part by part when it is taller than the screen (large sizes).
        items = [(f"{self._number}:{i}:{k}", chunk) for i in range(index, len(sentences))
                 for k, chunk in enumerate(sentences[i].chunks)]
        self._here.hide()
        self._voice.speak(items, self._window.settings.get("speed"))
        self._highlight(index)  # at once: the press shows where reading starts
        self._relabel(self._window.look)

    def _pause(self, reading: Reading) -> None:
        reading.paused_at = reading.resume_index()
        self._voice.silence()
        if reading.paused_at >= len(reading.sentences):
            self.stop()  # paused after the last word: nothing left to continue
            return
        self._highlight(reading.paused_at)  # the highlight shows where 继续 starts
        self._relabel(self._window.look)

    def _restart_here(self) -> None:
        """Read again from the current sentence (new script or speed)."""
        reading = self._reading
        if reading is None or reading.paused_at is not None:
            return
        self._speak(reading.scope, reading.sentences, reading.resume_index())

    def _show_problem(self, message: str) -> None:
        self._window.notice.show_message(plain_problem(message), SHOW_PROBLEM_SECONDS)

    # --- events from the speech worker ------------------------------------------------------
    def _own_part(self, uid: str) -> tuple[Reading, int, int] | None:
        """(reading, sentence index, part) for an utterance id of the current reading."""
        reading = self._reading
        parts = uid.split(":")
        if (reading is None or reading.paused_at is not None or len(parts) != 3
                or parts[0] != str(reading.number)):
            return None
        return reading, int(parts[1]), int(parts[2])

    def _on_sentence_started(self, uid: str) -> None:
        own = self._own_part(uid)
        if own is None:
            return
        reading, index, part = own
        if part == 0 or reading.current != index:
            reading.current = index
            self._highlight(index)
        else:  # the next part of a long sentence: follow it if it is off screen
            sentence = reading.sentences[index]
            said = sum(len(c) for c in sentence.chunks[:part])
            total = sum(len(c) for c in sentence.chunks) or 1
            position = sentence.start + (sentence.end - sentence.start) * said // total
            self._keep_in_middle(sentence, position)

    def _on_sentence_finished(self, uid: str) -> None:
        own = self._own_part(uid)
        if own is not None and own[2] == len(own[0].sentences[own[1]].chunks) - 1:
            own[0].finished = own[1]

    def _on_reading_done(self) -> None:
        if self._reading is not None and self._reading.paused_at is None:
            self.stop()

    def _on_failed(self, message: str) -> None:
        if self._reading is not None and self._reading.paused_at is None:
            self.stop()
            self._show_problem(message)

    # --- highlight and scrolling -----------------------------------------------------------
    def _highlight(self, index: int) -> None:
        reading = self._reading
        if reading is None or not 0 <= index < len(reading.sentences):
            return
        sentence = reading.sentences[index]
        self._view.highlight(sentence.block_id, sentence.start, sentence.end)
        self._keep_in_middle(sentence)

    def _keep_in_middle(self, sentence: Planned, position: int | None = None) -> None:
        keep_in_middle(self._view, sentence, position)

    # --- the window's events -----------------------------------------------------------------
    def _on_page_changed(self, name: str) -> None:
        on_article = name == self._window.article_page.name
        if not on_article:
            self.stop()
        bar = self._view.verticalScrollBar()
        at_top = bar.value() == 0
        for button in (self.read_all_button, self.pause_button, self.stop_button,
                       self.speed_button):
            button.setVisible(on_article)
        # The toolbar may gain or lose a row: settle now, so whatever scrolls the page
        # next (a restored place, PgDn) sees the final height of the view. The view
        # keeps its top block in place when resized, which puts an article opened at
        # its top 16 px down (the top margin): keep it at the very top.
        for _ in range(3):
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        if on_article and at_top:
            bar.setValue(0)

    def _on_article_shown(self, article: Article) -> None:
        self.stop()
        self._here.forget()
        self._section_buttons = {}
        for index, section in enumerate(article.sections):
            if not section.heading:
                # No heading: the section may be the whole article. Its parts are read
                # with 朗读这一段 beside a chosen paragraph (FromHere) instead.
                continue
            button = BigButton()
            button.setObjectName(f"readAloud.section{index}")
            button.clicked.connect(lambda _=False, i=index: self.read_section(i))
            self._view.section_top_row(index).add_button(button)
            self._section_buttons[index] = button
        self._relabel(self._window.look)

    def _on_look_changed(self, look: Look) -> None:
        self._relabel(look)
        reading = self._reading
        if look.script != self._script:
            self._script = look.script
            if reading is not None:
                self.stop()  # a 简/繁 switch stops the voice, as going elsewhere does
        elif reading is not None:
            self._highlight(reading.paused_at if reading.paused_at is not None
                            else reading.current if reading.current is not None
                            else reading.start)

    def _on_setting_changed(self, name: str, _value: object) -> None:
        if name == "speed":
            self._relabel(self._window.look)
            self._restart_here()

    def _on_block_clicked(self, block_id: str) -> None:
        reading = self._reading
        article = self._view.article
        if article is None:
            return
        if reading is not None and reading.paused_at is None:
            self._read(scope_of(article, block_id, reading.scope), block_id)
        else:
            self._here.show_under(block_id, self._window.look)

    def _on_enter_pressed(self, block_id: str) -> None:
        self._on_block_clicked(block_id)
        self._here.focus()

    # --- labels --------------------------------------------------------------------------------
    def _toolbar_button(self, name: str, slot: object) -> BigButton:
        button = BigButton()
        button.setObjectName(name)
        button.clicked.connect(slot)
        button.hide()  # shown on the article page
        self._window.toolbar.add_speech_widget(button)
        return button

    def _relabel(self, look: Look) -> None:
        t = look.t
        self.read_all_button.set_texts(t("speech.read_all"), t("speech.read_all_desc"),
                                       short=t("speech.read_all_short"))
        if self.state == "paused":
            self.pause_button.set_texts(t("speech.resume"), t("speech.resume_desc"))
        else:
            self.pause_button.set_texts(t("speech.pause"), t("speech.pause_desc"))
        self.stop_button.set_texts(t("speech.stop"), t("speech.stop_desc"))
        speed = self._window.settings.get("speed")
        upcoming = SPEEDS[(SPEEDS.index(speed) + 1) % len(SPEEDS)]
        self.speed_button.set_texts(t("speech.speed", speed=t(f"speech.{speed}")),
                                    t("speech.speed_desc", next=t(f"speech.{upcoming}")),
                                    name=t("speech.speed_name", speed=t(f"speech.{speed}")),
                                    short=t("speech.speed_short", speed=t(f"speech.{speed}")))
        article = self._view.article
        for index, button in self._section_buttons.items():
            heading = article.sections[index].heading if article and index < len(
                article.sections) else None
            button.set_texts(t("speech.read_section"),
                             t("speech.read_section_desc", heading=heading or ""),
                             name=t("speech.read_section_name", heading=heading or ""))
        idle = self.state == "idle"
        for button in (self.pause_button, self.stop_button):
            # nothing to pause or stop: greyed, and a screen reader hears why
            button.setEnabled(not idle)
            if idle:
                button.setAccessibleDescription(t("speech.nothing_to_stop"))
        self._here.relabel(look)
        if article is not None:
            self._view.setAccessibleDescription(t("article.view_desc") + t("speech.view_hint"))

