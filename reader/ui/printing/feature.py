"""Printing from the window: 打印 on a topic card and 打印这篇文章, a button at the end of
every article, open the print preview in the reader's script. An article prints in large
print with the phone boxes of the cards it links to.

The composition root (reader.ui.compose) makes one Printing and hands it the cards as
callables (the loaded cards, the local-information file): printing knows cards only as
reader.core data, and the cards feature knows printing only as its CardPrinter.

The first print on a PC may have to wait for the print font (made in its own process,
see font.py): the window says so and opens the preview when the font is there, instead
of freezing while it is made here. Community mode's restrictions apply to every preview
(reader.ui.community.kiosk finds it by its object name).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from reader.core.article import Script
from reader.ui.widgets.basics import BigButton

if TYPE_CHECKING:  # the print modules load on the first print
    from reader.core.cards import Card
    from reader.core.local_info import LocalInfo
    from reader.ui.printing.preview import PrintPreview
    from reader.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)

FONT_WAIT_S = 60.0  # then the preview opens anyway (and makes the font itself)


class Printing(QObject):
    def __init__(self, window: MainWindow, linked_cards: Callable[[], Sequence[Card]],
                 local_info: Callable[[], LocalInfo]) -> None:  # fmt: skip
        super().__init__(window)
        self.window = window
        self._linked_cards = linked_cards  # the cards an article's links may point to
        self._local_info = local_info
        self._fonts_started = False
        # 打印 pressed while the print font is still being made (see when_font_ready)
        self._wait = QTimer(self)
        self._wait.setInterval(100)
        self._wait.timeout.connect(self._check_font)
        self._wait_started = 0.0
        self._wait_script: Script = "simplified"
        self._wait_builds = 0
        self._then: Callable[[], None] = lambda: None

        self.article_button = BigButton()
        self.article_button.setObjectName("printArticle")
        self.article_button.clicked.connect(self.print_article)
        window.article_page.view.end_buttons.add_button(self.article_button)
        window.look_changed.connect(lambda _look: self._label())
        self._label()

    def _label(self) -> None:
        look = self.window.look
        self.article_button.set_texts(look.t("article.print"), look.t("article.print_desc"))

    # --- the print font -----------------------------------------------------------------
    def warm_up(self, script: Script) -> None:
        """Start making the print font in the background the first time this is called
        (when a card is shown), so 打印 does not wait for it."""
        if not self._fonts_started:
            self._fonts_started = True
            from reader.ui.printing import font as print_font

            print_font.start_background_build((script,))

    def when_font_ready(self, script: Script, then: Callable[[], None]) -> None:
        """Call `then` when the print font for `script` is there: at once, or, while it
        is being made, after the window said so (at most FONT_WAIT_S later; then the
        preview makes it itself). A later call replaces a `then` still waiting."""
        from reader.ui.printing import font as print_font

        if not print_font.ready(script):
            print_font.start_background_build((script,))
            if print_font.building():
                self._wait_started = time.monotonic()
                self._wait_script = script
                self._wait_builds = 1
                self._then = then
                self.window.show_notice("notice.print_font")
                self._wait.start()
                return
        then()

    def waiting(self) -> bool:
        """Whether a print waits for the print font."""
        return self._wait.isActive()

    def _check_font(self) -> None:
        from reader.ui.printing import font as print_font

        script = self._wait_script
        waited = time.monotonic() - self._wait_started
        if not print_font.ready(script) and waited < FONT_WAIT_S:
            if print_font.building():
                return
            if self._wait_builds < 2:
                # the build that was running was for the other script (the reader
                # switched 简/繁 since the card was shown): one more, for this one
                self._wait_builds += 1
                print_font.start_background_build((script,))
                if print_font.building():
                    return
        self._wait.stop()
        self.window.notice.hide()
        then, self._then = self._then, lambda: None
        then()

    # --- the previews -------------------------------------------------------------------
    def preview_card(self, card: Card, printed: Callable[[], None]) -> None:
        """The print preview of `card` in the reader's script; `printed` is called when
        it went to a printer."""
        from reader.ui.printing.preview import PrintPreview

        def make(script: Script, printer: str | None) -> PrintPreview:
            return PrintPreview(card, script=script, local_info=self._local_info(),
                                printer_name=printer, parent=self.window)  # fmt: skip

        self._show(make, printed)

    def print_article(self) -> None:
        """打印这篇文章: the preview of the article on screen (once the print font is
        there, if the reader is still on the article)."""
        if self.window.article_page.source is None:
            return
        self.when_font_ready(self.window.look.script, self._article_font_ready)

    def _article_font_ready(self) -> None:
        if self.window.current_page() is self.window.article_page:
            self._preview_article()

    def _preview_article(self) -> None:
        from reader.ui.printing.jobs import article_job
        from reader.ui.printing.preview import PrintPreview

        article = self.window.article_page.source
        if article is None:
            return

        def make(script: Script, printer: str | None) -> PrintPreview:
            job = article_job(article, self._linked_cards(), script, self._local_info())
            return PrintPreview(job=job, script=script, printer_name=printer,
                                parent=self.window)  # fmt: skip

        self._show(make)

    def _show(self, make: Callable[[Script, str | None], PrintPreview],
              printed: Callable[[], None] | None = None) -> None:  # fmt: skip
        """Make the preview with staff's printer chosen and show it until it is closed;
        if it cannot be made, the message line says so (the details go to the log)."""
        printer = str(self.window.settings.get("printer") or "") or None
        try:
            preview = make(self.window.look.script, printer)
        except Exception:
            log.exception("print preview did not open")
            self.window.show_notice("notice.error")
            return
        if printed is not None:
            preview.printed.connect(lambda _printer: printed())
        preview.exec()
        preview.deleteLater()
