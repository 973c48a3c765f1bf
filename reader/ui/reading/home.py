"""The home page (首页): every article as a big tile, newest first, one click to open.

At the top: today's date as a resident says it (公历, 星期 and 农历), the community
centre's name and phone from the local information, and 接着读 for the article last read.

Above the tiles there is a row for topic buttons by category (`topic_row`), filled by the
topic-card feature through `add_topic_button`; it stays hidden while empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from reader.core.article import Article
from reader.core.article_cache import in_script
from reader.core.look import Look
from reader.ui.shell.screens import HomeScreen
from reader.ui.widgets.after_paint import AfterPaint
from reader.ui.widgets.article_tile import ArticleTile
from reader.ui.widgets.article_view import ButtonRow
from reader.ui.widgets.basics import BigButton
from reader.ui.widgets.text_block import TextBlock

RESUME_TITLE_CHARS = 14  # 接着读：… stays one button wide at 1024 px


class HomePage(HomeScreen):
    column_bottom = 48

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("homeContent", parent)
        self.today: Callable[[], dt.date] = dt.date.today  # tests fix the day
        self.date_line = TextBlock("date", "date_line")
        self._lunar_ready = False  # see _show_date
        self._lunar_waiting = False
        self.centre_line = TextBlock("centre", "hint")
        self.centre_line.hide()
        self._centre = ("", "")
        self.resume_button = BigButton()
        self.resume_button.setObjectName("resumeReading")
        self.resume_button.clicked.connect(self.resume_chosen)
        self.resume_button.hide()
        self._resume_title = ""
        self.heading = TextBlock("heading", "page_heading")
        self.hint = TextBlock("hint", "hint")
        # --- topic buttons by category: filled later by the topic-card feature -----------
        self.topics_heading = TextBlock("topics", "section_heading")
        self.topic_row = ButtonRow()
        self.topics_heading.hide()
        # ----------------------------------------------------------------------------
        self.empty_note = TextBlock("empty", "note")
        self.empty_note.hide()
        self._tiles_box = QVBoxLayout()
        self._tiles_box.setSpacing(24)
        # The articles come first: at 1024 × 600 the topic row (two rows of big buttons)
        # above them pushed the first tile below the fold.
        self._column.addWidget(self.date_line)
        self._column.addWidget(self.centre_line)
        self._column.addWidget(self.resume_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._column.addSpacing(16)
        self._column.addWidget(self.heading)
        self._column.addWidget(self.hint)
        self._column.addSpacing(24)
        self._column.addWidget(self.empty_note)
        self._column.addLayout(self._tiles_box)
        self._column.addSpacing(32)
        self._column.addWidget(self.topics_heading)
        self._column.addWidget(self.topic_row)
        self._column.addStretch(1)
        self.tiles: list[ArticleTile] = []
        self._articles: list[Article] = []
        self._new_ids: frozenset[str] = frozenset()
        self._tiles_built = False
        self._first_show_hooks: list[Callable[[], object]] | None = []

    def set_articles(self, articles: list[Article], new_ids: Collection[str] = ()) -> None:
        """Show these articles (already sorted newest first), those in `new_ids` first and
        with a 新 mark. The tiles are built when the page is first shown, so reopening straight
        into an article paints sooner."""
        self._new_ids = frozenset(new_ids)
        # New arrivals first (else an undated notice would sit below the fold), in order.
        self._articles = sorted(articles, key=lambda a: a.id not in self._new_ids)
        self._tiles_built = False
        if self.isVisible():
            self._build_tiles()

    def _build_tiles(self) -> None:
        for tile in self.tiles:
            self._tiles_box.removeWidget(tile)
            tile.hide()
            tile.deleteLater()
        self.tiles = []
        for article in self._articles:
            tile = ArticleTile(article.id)
            tile.clicked.connect(lambda _=False, i=article.id: self.article_chosen.emit(i))
            self._tiles_box.addWidget(tile)
            tile.show()
            self.tiles.append(tile)
        self.empty_note.setVisible(not self._articles)
        self._tiles_built = True
        if self.look is not None:
            self.apply_look(self.look)

    def ensure_tiles(self) -> None:
        if self._first_show_hooks is not None:
            hooks, self._first_show_hooks = self._first_show_hooks, None
            for hook in hooks:
                hook()
        if not self._tiles_built:
            self._build_tiles()

    def when_first_shown(self, hook: Callable[[], object]) -> None:
        """Run `hook` when home is first shown (at once if it has been): for parts of
        the page a reader put straight back into an article does not need yet."""
        if self._first_show_hooks is None:
            hook()
        else:
            self._first_show_hooks.append(hook)

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_tiles()
        if self.look is not None:
            self._show_date(self.look)  # the program may run for days
        super().showEvent(event)

    def set_centre(self, name: str, phone: str) -> None:
        """The centre's name and phone (simplified or as staff wrote them; "" = not
        filled in, then the line is not shown)."""
        self._centre = (name, phone)
        if self.look is not None:
            self._show_centre(self.look)

    def set_resume(self, title: str) -> None:
        """The title (in the displayed script) 接着读 goes back to; "" hides it."""
        self._resume_title = title
        self.resume_button.setVisible(bool(title))
        if self.look is not None:
            self._label_resume(self.look)

    def _show_date(self, look: Look) -> None:
        """The 公历 date at once; the 农历 date needs lunar_python (~0.1 s to load), so on
        the first showing it follows right after the first picture."""
        from reader.core.date_line import date_line, solar_words

        if self._lunar_ready:
            text = date_line(self.today())
        else:
            text = solar_words(self.today())
            if not self._lunar_waiting:
                self._lunar_waiting = True
                AfterPaint(self.date_line, self._lunar_loaded)
        self.date_line.set_content(look.convert(text),
                                   look.style(look.sizes.tile_title, gap_px=4, bold=True))

    def _lunar_loaded(self) -> None:
        self._lunar_ready = True
        if self.look is not None:
            self._show_date(self.look)

    def _show_centre(self, look: Look) -> None:
        name, phone = self._centre
        text = look.t("home.centre_phone", name=name, phone=phone) if phone else name
        self.centre_line.set_content(look.convert(text), look.style(look.sizes.tile_detail,
                                                                    gap_px=4))
        self.centre_line.setVisible(bool(text))

    def _label_resume(self, look: Look) -> None:
        title = self._resume_title
        shown = title if len(title) <= RESUME_TITLE_CHARS else \
            title[:RESUME_TITLE_CHARS] + "……"
        self.resume_button.set_texts(look.t("home.resume_name", title=shown),
                                     look.t("home.resume_desc", title=title),
                                     name=look.t("home.resume_name", title=title))

    def add_topic_button(self, button: QWidget) -> None:
        """For the topic-card feature: one button per category, in the row below the
        articles (the row and its heading appear with the first button)."""
        self.topic_row.add_button(button)
        self.topics_heading.show()

    def apply_look(self, look: Look) -> None:
        super().apply_look(look)
        sizes = look.sizes
        self.heading.set_content(look.t("home.heading"),
                                 look.style(sizes.page_heading, gap_px=0, bold=True,
                                            heading=True))
        self.hint.set_content(look.t("home.hint"), look.style(sizes.tile_detail, gap_px=4))
        if self.isVisible():
            self._show_date(look)
        self._show_centre(look)
        self._label_resume(look)
        self.topics_heading.set_content(look.t("home.topics_heading"),
                                        look.style(sizes.heading, bold=True, heading=True))
        self.empty_note.set_content(look.t("home.no_articles"), look.style(sizes.body))
        if self._tiles_built:
            for tile, article in zip(self.tiles, self._articles, strict=True):
                tile.show_article(in_script(article, look.script), look,
                                  article.id in self._new_ids)
        self._scroll.setAccessibleName(look.t("home.list_name"))
        self._scroll.setAccessibleDescription(look.t("home.list_desc"))

    def focus_chain(self) -> list[QWidget]:
        self.ensure_tiles()
        resume = [self.resume_button] if not self.resume_button.isHidden() else []
        return [*resume, *self.tiles, *self.topic_row.buttons()]
