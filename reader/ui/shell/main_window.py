"""The reading window: toolbar on top, a message line, and a stack of pages.

The window knows no feature: the composition root (reader.ui.compose) builds the
features around it, and gives it its home and article pages (what it needs of them:
screens.py). Pages (those two; card, category and staff pages from their features) are
registered with `register_page` (see widgets/pages.py). All
appearance comes from the Settings: a change of size, script or theme, from a button, a
shortcut or another part of the program, arrives through `Settings.changed` and redraws
the toolbar and the visible page.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractSlider,
    QApplication,
    QMainWindow,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reader.core.article import Article, Script
from reader.core.article_cache import in_script
from reader.core.click_gate import STEADY_SECONDS, ClickGate
from reader.core.look import Look
from reader.core.strings import STRINGS, size_fields
from reader.core.theme import THEMES, next_theme, stylesheet
from reader.core.typography import step_down, step_up
from reader.speech.chime_player import play_chime
from reader.ui.shell import fonts
from reader.ui.shell.notice_bar import HelpBanner, NoticeBar
from reader.ui.shell.reading_places import ReadingPlaces
from reader.ui.shell.screens import ArticleScreen, HomeScreen
from reader.ui.shell.settings import Settings
from reader.ui.shell.toolbar import ToolBar
from reader.ui.shell.window_frame import fit_frame, maximise_on_screen, use_qt_translations
from reader.ui.widgets.after_paint import AfterPaint
from reader.ui.widgets.pages import Page
from reader.ui.widgets.text_block import TextBlock

if TYPE_CHECKING:
    from reader.core.usage_counts import UsageCounts
    from reader.ui.widgets.big_pointer import BigPointer

# After a page change, clicks are ignored this long: the rest of a double click on a
# home tile must not land on whatever is under the pointer on the article page. No longer
# than the gap at which steady presses count, so a deliberate next press is not lost.
PAGE_CHANGE_QUIET_SECONDS = STEADY_SECONDS

_SCROLL_KEYS = {
    Qt.Key.Key_PageDown: QAbstractSlider.SliderAction.SliderPageStepAdd,
    Qt.Key.Key_PageUp: QAbstractSlider.SliderAction.SliderPageStepSub,
    Qt.Key.Key_Down: QAbstractSlider.SliderAction.SliderSingleStepAdd,
    Qt.Key.Key_Up: QAbstractSlider.SliderAction.SliderSingleStepSub,
    Qt.Key.Key_Home: QAbstractSlider.SliderAction.SliderToMinimum,
    Qt.Key.Key_End: QAbstractSlider.SliderAction.SliderToMaximum,
}


class MainWindow(QMainWindow):
    page_changed = Signal(str)  # name of the page now shown
    look_changed = Signal(object)  # the new Look
    article_opened = Signal(object)  # the Article, in the displayed script
    help_called = Signal(str)  # the screen 请工作人员帮忙 was pressed on
    closing = Signal()  # the window is about to close: silence, end workers

    def __init__(self, settings: Settings, articles: list[Article],
                 make_home: Callable[[], HomeScreen],
                 make_article_page: Callable[[], ArticleScreen],
                 parent: QWidget | None = None) -> None:
        """`make_home`, `make_article_page`: the reading feature's pages (see screens.py),
        given by the composition root. The window makes them once its look is set: a
        widget made before the application font is set keeps Qt's default font."""
        super().__init__(parent)
        self.settings = settings
        self.articles = list(articles)
        self._page_gate = ClickGate()
        self._stylesheet_theme = ""
        self._ui_font = QFont()
        self.usage: UsageCounts | None = None  # made on first count (tools give their own)

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.toolbar = ToolBar()
        self.notice = NoticeBar()
        self.help_banner = HelpBanner()
        self.stack = QStackedWidget()
        column.addWidget(self.toolbar)
        column.addWidget(self.help_banner)
        column.addWidget(self.notice)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.setMinimumSize(800, 480)

        self._pages: dict[str, Page] = {}
        self._stale: set[str] = set()
        self.look = self._make_look()
        self._apply_stylesheet(self.look)
        self.home = make_home()
        self.article_page = make_article_page()
        self.register_page(self.home)
        self.register_page(self.article_page)
        self.home.article_chosen.connect(lambda article_id: self.open_article(article_id))
        self.home.resume_chosen.connect(self.resume_reading)
        # reading the local information takes ~0.2 s cold: after home's first picture
        self.home.when_first_shown(lambda: AfterPaint(self.home, self._show_centre))
        self.article_page.view.next_button.clicked.connect(self.open_next)
        self.places = ReadingPlaces(settings, lambda: self.articles)
        from reader.core.articles_source import new_article_ids

        self.home.set_articles(self.articles, new_article_ids())
        self.article_page.view.back_button.clicked.connect(self.go_home)
        self.article_page.view.place_changed.connect(self._remember_block)
        self.article_page.view.focus_chain_changed.connect(self._chain_focus)

        self.toolbar.home.clicked.connect(self.go_home)
        self.toolbar.bigger.clicked.connect(self.bigger)
        self.toolbar.smaller.clicked.connect(self.smaller)
        self.toolbar.script.clicked.connect(self.toggle_script)
        self.toolbar.theme.clicked.connect(self.cycle_theme)
        self.toolbar.help.clicked.connect(self.call_for_help)
        self.chime: Callable[[], bool] = play_chime  # tests put a silent one here
        self.big_pointer: BigPointer | None = None  # made when first turned on
        self.pointer_forced = False  # community mode: the big pointer whatever the setting
        self._painted = False
        self._after_first_paint: list[Callable[[], object]] = []
        AfterPaint(self, self._on_first_paint)
        # Ctrl+= / Ctrl+-: made right after the first paint (building key sequences
        # loads a large part of Qt's key tables, which the first picture doesn't need)
        self.after_first_paint(self._add_shortcuts)
        self.after_first_paint(self.update_pointer)
        settings.changed.connect(self._on_setting_changed)
        self._apply_look()
        self._quiet_timer = QTimer(self)
        self._quiet_timer.setSingleShot(True)
        self._quiet_timer.timeout.connect(self._end_quiet_period)
        self._scroll_when_shown: str | None = None  # see open_article
        self._refit_when_shown = False  # see place_on_screen
        self.show_page("home")

    # --- pages ---------------------------------------------------------------------------
    def register_page(self, page: Page) -> None:
        """Add a page to the stack (see pages.py); it gets the current look at once."""
        self._pages[page.name] = page
        self.stack.addWidget(page)
        page.apply_look(self.look)

    def page(self, name: str) -> Page:
        return self._pages[name]

    def current_page(self) -> Page:
        return cast(Page, self.stack.currentWidget())

    def show_page(self, name: str) -> None:
        page = self._pages[name]
        previous = self.stack.currentWidget()
        if name in self._stale:
            self._stale.discard(name)
            page.apply_look(self.look)
        if previous is not page:
            if isinstance(previous, Page):
                previous.on_hidden()
            self.stack.setCurrentWidget(page)
            if previous is not None:
                self._start_quiet_period()
        self._update_title()
        self._chain_focus()
        page.on_shown()
        if previous is not page:
            self.page_changed.emit(name)

    def go_home(self) -> None:
        """Home; the place in the article is kept (the tile and 接着读 come back to it),
        only the next start no longer opens the article by itself."""
        if self.current_page() is self.article_page and self.article_page.article is not None:
            self.places.left_at(self.article_page.article.id,
                                self.article_page.view.top_block_id() or "")
        self.settings.set("last_article", "")
        self.settings.set("last_block", "")
        self._offer_resume()
        self._show_centre()  # staff may have filled it in meanwhile
        self.show_page("home")

    def _show_centre(self) -> None:
        """Home's line with the community centre's name and phone (local information)."""
        from reader.core.local_info import load_local_info

        centre = load_local_info().centre
        self.home.set_centre(centre.name, centre.phone)

    def _offer_resume(self) -> None:
        article = self.places.resume_article()
        self.home.set_resume(in_script(article, self.look.script).title if article else "")

    def resume_reading(self) -> None:
        """接着读: the last article read, where the reader left it."""
        article = self.places.resume_article()
        if article is None or not self.open_article(article.id):
            self.home.set_resume("")

    def open_next(self) -> None:
        """下一篇: the article after this one in home's order."""
        current = self.article_page.article
        following = self.places.after(current.id) if current is not None else None
        if following is not None:
            self.open_article(following.id)

    def _label_next(self) -> None:
        current = self.article_page.article
        following = self.places.after(current.id) if current is not None else None
        self.article_page.view.set_next(in_script(following, self.look.script).title
                                        if following else "")

    def forget_places(self) -> None:
        """For the next resident (community reset): no 接着读, every article from its top."""
        self.places.forget()
        self.home.set_resume("")

    def set_articles(self, articles: list[Article]) -> None:
        """The articles residents may now see (newest first): home shows them, the
        newly arrived first."""
        from reader.core.articles_source import new_article_ids

        self.articles = list(articles)
        self.home.set_articles(self.articles, new_article_ids())

    def find_article(self, key: str) -> Article | None:
        """By id, or by 1-based position on the home page ("1" is the newest)."""
        for article in self.articles:
            if article.id == key:
                return article
        if key.isdigit() and 1 <= int(key) <= len(self.articles):
            return self.articles[int(key) - 1]
        return None

    def open_article(self, key: str, block_id: str | None = None, counted: bool = True) -> bool:
        """Show article `key` (from `block_id`); `counted`: a reader opened it (本月统计),
        not the program putting the last one back."""
        article = self.find_article(key)
        if article is None:
            return False
        if block_id is None:  # back to where this reader left it
            block_id = self.places.place_in(article.id)
        self.article_page.show_article(article, self.look)
        self._label_next()
        if not self.isVisible():  # before the first picture: lay out only what it shows
            self.article_page.view.hold_back_offscreen(block_id or "")
        self._stale.discard(self.article_page.name)
        self.show_page(self.article_page.name)
        if not self.isVisible():  # opened before show(): blocks get their places when shown
            self._scroll_when_shown = block_id or ""  # "": from the very top
        elif block_id:
            self.article_page.view.scroll_to_block(block_id, "top")
        self.settings.set("last_article", article.id)
        self.settings.set("last_block", block_id or "")
        self.places.opened(article.id, block_id or "")
        self.article_opened.emit(self.article_page.article)
        if counted:
            self.count("articles_opened")
        return True

    def count(self, event: str, card_id: str = "") -> None:
        """One more in this month's usage counts (本月统计; reader.core.usage_counts)."""
        self.usage_counts().record(event, card_id)

    def usage_counts(self) -> UsageCounts:
        """This PC's usage counts (made on first use; tools set `usage` to their own)."""
        if self.usage is None:
            from reader.core.usage_counts import UsageCounts

            self.usage = UsageCounts()
        return self.usage

    def restore_reading(self) -> None:
        """Put the reader back where the last session stopped. Before show() is quicker
        (app.py): the first picture is the article, laid out once, and home is not built."""
        article_id = self.settings.get("last_article")
        if not article_id:
            return
        if not self.isVisible():
            # Give the pages the window's size now: otherwise the article view, never
            # sized yet, lays its text out at its minimum width first (measured).
            layout = self.layout()
            if layout is not None:
                layout.activate()
        if not self.open_article(article_id, self.settings.get("last_block") or None,
                                 counted=False):
            self.settings.set("last_article", "")
            self.show_notice("notice.article_missing")

    def _remember_block(self, block_id: str) -> None:
        if self.current_page() is self.article_page:
            self.settings.set("last_block", block_id)
            article = self.article_page.article
            if article is not None:
                self.places.left_at(article.id, block_id)

    # --- look ------------------------------------------------------------------------------
    def _make_look(self) -> Look:
        script = cast(Script, self.settings.script)
        screen = QGuiApplication.primaryScreen()
        dpi = screen.logicalDotsPerInchY() if screen else 96.0
        return Look(script=script, body_pt=self.settings.font_size,
                    theme=THEMES[self.settings.theme], family=fonts.family_for(script), dpi=dpi)

    def _apply_stylesheet(self, look: Look) -> None:
        app = cast(QApplication, QApplication.instance())
        use_qt_translations(look.script)
        if look.theme.id != self._stylesheet_theme:
            self._stylesheet_theme = look.theme.id
            app.setStyleSheet(stylesheet(look.theme))
        font = QFont(look.family)
        font.setPointSize(look.ui_pt)
        if font != self._ui_font:
            # With a style sheet active Qt no longer passes a changed font down to widgets
            # already shown, so each gets it directly (reading text sets its own fonts);
            # new widgets take the application font.
            self._ui_font = font
            app.setFont(font)
            QToolTip.setFont(font)
            for widget in self.findChildren(QWidget):
                if not isinstance(widget, TextBlock):
                    widget.setFont(font)

    def _on_setting_changed(self, name: str, _value: object) -> None:
        if name in ("font_size", "script", "theme"):
            self._apply_look()
        elif name == "big_pointer":
            self.update_pointer()

    def update_pointer(self) -> None:
        """特大鼠标 when staff turned it on, and always in community mode."""
        from reader.ui.widgets.big_pointer import BigPointer

        want = bool(self.settings.get("big_pointer")) or self.pointer_forced
        if want and self.big_pointer is None:
            self.big_pointer = BigPointer(self)
        if self.big_pointer is not None:
            self.setCursor(Qt.CursorShape.ArrowCursor)
            self.big_pointer.set_on(want, [self])

    def _apply_look(self) -> None:
        look = self._make_look()
        self.look = look
        self._apply_stylesheet(look)
        self.toolbar.apply_look(look, self.settings.theme)
        self.notice.apply_look(look)
        self.help_banner.apply_look(look)
        current = self.stack.currentWidget()
        for name, page in self._pages.items():
            if page is current:
                page.apply_look(look)
            else:
                self._stale.add(name)  # redrawn when next shown
        self._offer_resume()
        self._label_next()
        self._update_title()
        self.look_changed.emit(look)

    def _update_title(self) -> None:
        page = self.stack.currentWidget()
        title = page.window_title(self.look) if isinstance(page, Page) else self.look.t(
            "app.title")
        # The system shows "title — program name"; the name follows the reader's script
        # too, so a 繁體 reader never sees a title in two scripts.
        QGuiApplication.setApplicationDisplayName(self.look.t("app.title"))
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setAccessibleDescription(self.look.t("app.title"))

    def bigger(self) -> None:
        current = self.settings.font_size
        if step_up(current) == current:
            self.show_notice("notice.at_largest")
            return
        self.settings.set("font_size", step_up(current))
        self.show_notice("notice.size_now", **size_fields(self.settings.font_size))

    def smaller(self) -> None:
        current = self.settings.font_size
        if step_down(current) == current:
            self.show_notice("notice.at_smallest")
            return
        self.settings.set("font_size", step_down(current))
        self.show_notice("notice.size_now", **size_fields(self.settings.font_size))

    def toggle_script(self) -> None:
        self.settings.set("script", "traditional" if self.settings.script == "simplified"
                          else "simplified")

    def cycle_theme(self) -> None:
        self.settings.set("theme", next_theme(self.settings.theme))
        theme = THEMES[self.settings.theme]
        self.show_notice("notice.theme_now", name=STRINGS[theme.name_key])

    def call_for_help(self) -> None:
        """请工作人员帮忙: the banner (the page stays in view), a chime staff hear across
        the room, one more in this month's count, and the time and screen in memory for
        the staff area. Counting never raises: the call must not depend on the disk."""
        from reader.core.local_info import load_local_info

        screen = self.current_page().name
        self.usage_counts().help_pressed(screen)
        centre = load_local_info().centre
        self.help_banner.show_call(centre.name, centre.phone)
        self.chime()
        self._chain_focus()
        self.help_called.emit(screen)

    def show_notice(self, key: str, **fields: object) -> None:
        """Show the message `key` of reader.core.strings in the message line."""
        self.notice.show_message(STRINGS[key].format(**fields) if fields else STRINGS[key])
        self._chain_focus()  # its 知道了 button joins the Tab order after the toolbar

    # --- keyboard ----------------------------------------------------------------------------
    def _add_shortcuts(self) -> None:
        taken: set[str] = set()
        for keys, slot in (
            (("Ctrl+=", "Ctrl++", "Ctrl+Shift+=", QKeySequence.StandardKey.ZoomIn), self.bigger),
            (("Ctrl+-", QKeySequence.StandardKey.ZoomOut), self.smaller),
        ):
            for key in keys:
                sequences = (QKeySequence.keyBindings(key)
                             if isinstance(key, QKeySequence.StandardKey) else [QKeySequence(key)])
                for sequence in sequences:
                    # the same keys twice would make both shortcuts "ambiguous" and dead
                    if sequence.isEmpty() or sequence.toString() in taken:
                        continue
                    taken.add(sequence.toString())
                    shortcut = QShortcut(sequence, self)
                    shortcut.setAutoRepeat(False)  # holding the keys does one step
                    shortcut.activated.connect(slot)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Keys reach the window when the focused widget did not use them (a button
        # ignores Up/Down/PgUp/PgDn, a future text field keeps its own), so scrolling
        # works wherever the focus is, without stealing keys from anything.
        key = Qt.Key(event.key())
        if key == Qt.Key.Key_Escape:
            if self.current_page() is not self.home:
                self.go_home()
            event.accept()
            return
        area = self.current_page().scroll_area()
        if key in _SCROLL_KEYS and area is not None:
            area.verticalScrollBar().triggerAction(_SCROLL_KEYS[key])
            event.accept()
            return
        super().keyPressEvent(event)

    def _chain_focus(self) -> None:
        """Tab order = screen order: toolbar left to right, message line, then the page."""
        if not self.isVisible():
            return  # done in showEvent
        chain = [*self.toolbar.buttons()]
        if self.help_banner.isVisible():
            chain.append(self.help_banner.close_button)
        if self.notice.isVisible():
            chain.append(self.notice.close_button)
        chain.extend(self.current_page().focus_chain())
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    # --- clicks --------------------------------------------------------------------------------
    def after_first_paint(self, action: Callable[[], object]) -> None:
        """Run `action` once the window has been painted for the first time (at once if
        it has been): for start-up work the first picture does not need. (A zero timer
        is not enough: it runs before the first paint.)"""
        if self._painted:
            action()
        else:
            self._after_first_paint.append(action)

    def _on_first_paint(self) -> None:
        self._painted = True
        actions, self._after_first_paint = self._after_first_paint, []
        for action in actions:
            action()

    def _start_quiet_period(self) -> None:
        """Swallow clicks for a moment after a page change (the filter is installed only
        for that moment, so it costs nothing the rest of the time)."""
        self._page_gate.hold(PAGE_CHANGE_QUIET_SECONDS)
        app = QApplication.instance()
        if app is not None and not self._quiet_timer.isActive():
            if self.isVisible():
                app.installEventFilter(self)
            else:
                # Opened before show() (app.py, at start-up): no click can come before
                # the window is on screen, and an application-wide filter while the first
                # picture is drawn costs ~20 ms (every event of every widget via Python).
                AfterPaint(self, self._resume_quiet_period)
        self._quiet_timer.start(int(PAGE_CHANGE_QUIET_SECONDS * 1000) + 50)

    def _resume_quiet_period(self) -> None:
        app = QApplication.instance()
        if app is not None and self._quiet_timer.isActive():
            app.installEventFilter(self)

    def _end_quiet_period(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick) \
                and self._page_gate.blocked() and isinstance(watched, QWidget) \
                and watched.window() is self:
            return True  # rest of the burst that changed the page
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._refit_when_shown:
            self._refit_when_shown = False
            QTimer.singleShot(0, lambda: fit_frame(self))
        block_id, self._scroll_when_shown = self._scroll_when_shown, None
        if block_id is not None and self.current_page() is self.article_page:
            view = self.article_page.view
            if block_id:
                view.scroll_to_block(block_id, "top")
            else:  # the very top, as when opened after show() (see ReadAloud._on_page_changed)
                for _ in range(3):
                    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
                view.verticalScrollBar().setValue(0)
            if view.has_held_back():  # the rest of the article, once the reader sees it
                AfterPaint(view.viewport(), view.show_held_back)
        self._chain_focus()

    # --- closing ---------------------------------------------------------------------------------
    def save_state(self) -> None:
        self.settings.set("geometry", bytes(self.saveGeometry().toHex().data()).decode())
        if self.current_page() is self.article_page:
            block = self.article_page.view.top_block_id()
            if block:
                self.settings.set("last_block", block)
        self.settings.sync()

    def restore_geometry(self) -> bool:
        saved = self.settings.get("geometry")
        return bool(saved) and self.restoreGeometry(QByteArray.fromHex(saved.encode()))

    def place_on_screen(self) -> None:
        """Before show(): maximised at the first start, else the saved size and place
        brought inside the screen (see window_frame)."""
        if not self.restore_geometry():
            maximise_on_screen(self)
            return
        fit_frame(self)
        self._refit_when_shown = True  # the real border sizes are known then

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()  # silence now, and no speech worker left behind
        self.save_state()
        self._end_quiet_period()
        super().closeEvent(event)
