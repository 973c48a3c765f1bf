"""打印这篇文章: a button at the end of every article that opens the print preview of the
article in large print, with the phone boxes of the cards it links to (which is why it
lives with the cards). Community mode's restrictions apply to it as to a card's preview.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from reader.ui.widgets.basics import BigButton

if TYPE_CHECKING:
    from reader.ui.cards.feature import TopicCards

log = logging.getLogger(__name__)

FONT_WAIT_S = 60.0


class ArticlePrint(QObject):
    def __init__(self, cards: TopicCards) -> None:
        super().__init__(cards)
        self.cards = cards
        self.window = cards.window
        self.button = BigButton()
        self.button.setObjectName("printArticle")
        self.button.clicked.connect(self.print_article)
        self.window.article_page.view.end_buttons.add_button(self.button)
        self.window.look_changed.connect(lambda _look: self.label())
        self.label()
        # the first print on this PC waits for the print font (made in the background)
        self._wait = QTimer(self)
        self._wait.setInterval(200)
        self._wait.timeout.connect(self._font_ready)
        self._waited = 0.0

    def label(self) -> None:
        look = self.window.look
        self.button.set_texts(look.t("article.print"), look.t("article.print_desc"))

    def print_article(self) -> None:
        article = self.window.article_page.source
        if article is None:
            return
        from reader.ui.printing import font as print_font

        script = self.window.look.script
        if not print_font.ready(script):
            print_font.start_background_build((script,))
            if print_font.building():
                self.window.show_notice("notice.print_font")
                self._waited = time.monotonic()
                self._wait.start()
                return
        self._open_preview()

    def _font_ready(self) -> None:
        from reader.ui.printing import font as print_font

        if print_font.building() and time.monotonic() - self._waited < FONT_WAIT_S:
            return
        self._wait.stop()
        self.window.notice.hide()
        if self.window.current_page() is self.window.article_page:
            self._open_preview()  # (or the preview makes the font itself)

    def _open_preview(self) -> None:
        from reader.ui.printing.jobs import article_job
        from reader.ui.printing.preview import PrintPreview

        article = self.window.article_page.source
        if article is None:
            return
        script = self.window.look.script
        printer = str(self.window.settings.get("printer") or "")
        try:
            job = article_job(article, self.cards.cards_in().cards, script,
                              self.cards.local_info())  # fmt: skip
            preview = PrintPreview(job=job, script=script, printer_name=printer or None,
                                   parent=self.window)  # fmt: skip
        except Exception:
            log.exception("article print preview did not open")
            self.window.show_notice("notice.error")
            return
        preview.exec()
        preview.deleteLater()
