"""The card page: one topic card, big and plain, with 朗读这张卡 / 打印 / 返回.

Top to bottom: the topic's icon and title; the three buttons; the card's sections in
the order reader.core.card_text decides (这是什么, 谁可以申请, 怎么办 numbered, 要带什么,
打电话问 with the numbers in large type, 注意, and 本地办理 when staff filled it in); the
date the card was checked; then the article paragraphs that mention the topic, each a
big button that opens the article at that paragraph; and 返回 once more at the end.

The widgets are made when a card is shown; a size, script or theme change only puts
new text and styles into the same widgets (card_sections() gives the same sections in
both scripts), so the reader's place, the keyboard focus and a reading in progress
all stay where they are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal, SignalInstance
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from reader.core.article import Script
from reader.core.look import Look
from reader.core.strings import text
from reader.core.text_style import BlockStyle
from reader.core.typography import MIN_TARGET_PX
from reader.ui.cards.icons import icon_pixmap
from reader.ui.widgets.article_tile import ArticleTile
from reader.ui.widgets.basics import BigButton, FlowLayout
from reader.ui.widgets.pages import ColumnPage
from reader.ui.widgets.text_block import TextBlock

if TYPE_CHECKING:  # the card modules load OpenCC: imported when a card is first shown
    from reader.core.cards import Card
    from reader.core.contact_qr import ContactCode
    from reader.core.linking import Mention
    from reader.core.local_info import LocalInfo

BULLET = "•"
ICON_TITLE_RATIO = 1.5  # icon height, in title font sizes


class MentionTile(ArticleTile):
    """An article paragraph that mentions the card: the article's title and the
    sentence around the mention, as one big button (looks like the home page's tiles)."""

    def __init__(self, mention: Mention, parent: QWidget | None = None) -> None:
        super().__init__(mention.article_id, parent)
        self.mention = mention
        self.setObjectName("mentionTile")
        self.source_line.hide()

    def show_mention(self, mention: Mention, look: Look) -> None:
        self.mention = mention
        sizes = look.sizes
        self.title.set_content(mention.article_title, look.style(
            sizes.tile_title, gap_px=0, bold=True, heading=True))
        self.first_sentence.set_content(mention.snippet, look.style(sizes.body, gap_px=12))
        self.setAccessibleName(mention.article_title)
        self.setAccessibleDescription(look.t("card.mention_desc", snippet=mention.snippet))
        self.setToolTip("")


class _Item(QWidget):
    """A numbered step or a listed line: the mark in its own narrow column, so lines
    that wrap start under the text, not under the number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.numbered = False
        self.mark = TextBlock("mark", "mark")
        self.text = TextBlock("item", "item")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)


class CardPage(ColumnPage):
    name = "card"
    column_top = 20
    read_requested = Signal()
    print_requested = Signal()
    back_requested = Signal()
    mention_chosen = Signal(str, str)  # article id, block id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("cardContent", parent)
        self.card: Card | None = None  # as written (simplified)
        self.local_info: LocalInfo | None = None
        self._mentions: Callable[[Script], list[Mention]] = lambda _script: []
        self._back_desc: tuple[str, dict[str, str]] = ("card.back_home_desc", {})
        self._reading = False


        header = QHBoxLayout()
        header.setSpacing(20)
        self.icon = QLabel()
        self.icon.setObjectName("cardIcon")
        self.title = TextBlock("title", "title")
        header.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.title, 1, Qt.AlignmentFlag.AlignVCenter)
        self._column.addLayout(header)

        # 朗读这张卡 (停止朗读 while reading), 打印 and 返回 stay above the scrolling card:
        # a resident listening to a long card can always stop it
        actions = QWidget()
        actions.setObjectName("cardActions")
        self._actions = FlowLayout(actions, spacing=16)
        self._actions.setContentsMargins(24, 12, 24, 8)
        self.read_button = self._button("cardRead", self.read_requested)
        self.print_button = self._button("cardPrint", self.print_requested)
        self.back_button = self._button("cardBack", self.back_requested)
        for button in (self.read_button, self.print_button, self.back_button):
            self._actions.addWidget(button)
        outer = self.layout()
        if isinstance(outer, QVBoxLayout):
            outer.insertWidget(0, actions)

        self._body = QVBoxLayout()
        self._body.setSpacing(0)
        self._column.addLayout(self._body)
        self.reviewed = TextBlock("reviewed", "byline")
        self._column.addWidget(self.reviewed)
        self.mentions_heading = TextBlock("mentions", "heading")
        self._column.addWidget(self.mentions_heading)
        self._tiles_box = QVBoxLayout()
        self._tiles_box.setSpacing(20)
        self._tiles_box.setContentsMargins(0, 16, 0, 0)
        self._column.addLayout(self._tiles_box)
        self.bottom_back = self._button("cardBackBottom", self.back_requested)
        self._column.addSpacing(32)
        self._column.addWidget(self.bottom_back, 0, Qt.AlignmentFlag.AlignLeft)
        self._column.addStretch(1)

        # what show_card builds for the current card
        self._sections: list[tuple[TextBlock, list[QWidget]]] = []
        self.mention_tiles: list[MentionTile] = []

    def _button(self, name: str, signal: SignalInstance) -> BigButton:
        button = BigButton()
        button.setObjectName(name)
        button.clicked.connect(signal)
        return button

    # --- content -------------------------------------------------------------------------------
    def show_card(self, card: Card, local_info: LocalInfo | None,
                  mentions: Callable[[Script], list[Mention]]) -> None:
        """Show `card` (as loaded, simplified) from its top. `mentions(script)` lists
        the article paragraphs that mention it, in that script."""
        self.card, self.local_info, self._mentions = card, local_info, mentions
        self._reading = False
        self._build_body(card, local_info)
        self._build_tiles(mentions("simplified" if self.look is None else self.look.script))
        if self.look is not None:
            self.apply_look(self.look)
        self._scroll.verticalScrollBar().setValue(0)

    def set_back(self, description_key: str, **fields: str) -> None:
        """What 返回 leads back to, said in its description (fields in simplified)."""
        self._back_desc = (description_key, fields)
        if self.look is not None:
            self._label_buttons(self.look)

    def set_reading(self, reading: bool) -> None:
        """朗读这张卡 becomes 停止朗读 while the card is being read."""
        self._reading = reading
        if self.look is not None:
            self._label_buttons(self.look)

    def _build_body(self, card: Card, local_info: LocalInfo | None) -> None:
        from reader.core.card_text import card_sections

        while self._body.count():
            item = self._body.takeAt(0)
            old = item.widget() if item else None
            if old is not None:
                old.hide()
                old.deleteLater()
        self._sections = []
        self.contact_code = _ContactCode()
        for section in card_sections(card, local_info, "simplified"):
            heading = TextBlock(section.key, "heading")
            self._body.addWidget(heading)
            lines: list[QWidget] = []
            for line in section.lines:
                if not section.listed:
                    widget: QWidget = TextBlock(section.key, "paragraph")
                elif line.number:
                    widget = _phone_widget()
                else:
                    widget = _Item()
                self._body.addWidget(widget)
                lines.append(widget)
            self._sections.append((heading, lines))
            if section.key == "phones":  # the code that saves these numbers in a phone
                self._body.addWidget(self.contact_code)
        if self.contact_code.parent() is None:
            self._body.addWidget(self.contact_code)

    def _build_tiles(self, mentions: list[Mention]) -> None:
        for tile in self.mention_tiles:
            self._tiles_box.removeWidget(tile)
            tile.hide()
            tile.deleteLater()
        self.mention_tiles = []
        for mention in mentions:
            tile = MentionTile(mention)
            tile.clicked.connect(lambda _=False, t=tile: self.mention_chosen.emit(
                t.mention.article_id, t.mention.block_id))
            self._tiles_box.addWidget(tile)
            self.mention_tiles.append(tile)
        self.mentions_heading.setVisible(bool(mentions))

    # --- look --------------------------------------------------------------------------------
    def apply_look(self, look: Look) -> None:
        place = self._place()
        super().apply_look(look)
        self._label_buttons(look)
        card = self.card
        if card is None:
            return
        # not at the top: with no card yet (at start-up) nothing needs OpenCC or TOML
        from reader.core.card_text import card_sections, reviewed_line

        shown = card.converted(look.script)
        sizes = look.sizes
        self.title.set_content(shown.title, look.style(sizes.title, gap_px=0, bold=True,
                                                       heading=True))
        side = round(look.px(sizes.title) * ICON_TITLE_RATIO)
        self.icon.setPixmap(icon_pixmap(card.icon, look.theme.text, side,
                                        self.devicePixelRatioF() or 1.0))
        self.icon.setFixedSize(side, side)
        self.icon.setAccessibleName(look.t("card.icon_name", category=shown.category_label()))
        sections = card_sections(card, self.local_info, look.script)
        for section, (heading, lines) in zip(sections, self._sections, strict=True):
            heading.set_content(section.title, self._heading_style(look))
            for number, (line, widget) in enumerate(zip(section.lines, lines, strict=True), 1):
                if isinstance(widget, _Item):
                    mark = f"{number}." if section.numbered else BULLET
                    _fill_item(widget, mark, line.text, look, section.numbered)
                    if section.numbered:
                        widget.text.setAccessibleName(
                            look.t("card.step_name", n=number, text=line.text))
                elif line.number:
                    _fill_phone(widget, line.number, line.text, look)
                elif isinstance(widget, TextBlock):
                    widget.set_content(line.text, look.style(sizes.body, gap_px=12))
        self.contact_code.fill(card, self.local_info, look, self.devicePixelRatioF() or 1.0)
        self.reviewed.set_content(reviewed_line(card, look.script),
                                  look.style(sizes.byline, gap_px=look.paragraph_gap_px))
        self.mentions_heading.set_content(look.t("card.mentions_heading"),
                                          self._heading_style(look))
        mentions = self._mentions(look.script)
        if len(mentions) == len(self.mention_tiles):
            for tile, mention in zip(self.mention_tiles, mentions, strict=True):
                tile.show_mention(mention, look)
        self._scroll.setAccessibleName(look.t("card.view_name", title=shown.title))
        self._scroll.setAccessibleDescription(look.t("card.view_desc"))
        if place is not None:
            self._restore_place(place)

    def _heading_style(self, look: Look) -> BlockStyle:
        sizes = look.sizes
        bar = max(6, round(look.px(sizes.heading) / 5))
        return look.style(sizes.heading, gap_px=round(look.paragraph_gap_px * 1.2), bold=True,
                          heading=True, bar_px=bar,
                          indent_px=bar + round(look.px(sizes.heading) / 2))

    def _label_buttons(self, look: Look) -> None:
        if self._reading:
            self.read_button.set_texts(look.t("card.stop"), look.t("card.stop_desc"))
        else:
            self.read_button.set_texts(look.t("card.read"), look.t("card.read_desc"))
        self.print_button.set_texts(look.t("card.print"), look.t("card.print_desc"))
        key, fields = self._back_desc
        description = look.t(key, **{k: look.convert(v) for k, v in fields.items()})
        for button in (self.back_button, self.bottom_back):
            button.set_texts(look.t("card.back"), description)

    # --- place (kept across size and script changes) ------------------------------------------
    def reading_blocks(self) -> list[tuple[TextBlock, str]]:
        """What 朗读这张卡 reads, in order: (block, words said before it, e.g. 第1步)."""
        blocks: list[tuple[TextBlock, str]] = [(self.title, "")]
        for heading, lines in self._sections:
            blocks.append((heading, ""))
            for number, widget in enumerate(lines, 1):
                if isinstance(widget, _Item):
                    lead = text("card.step_lead", n=number) if widget.numbered else ""
                    blocks.append((widget.text, lead))
                elif isinstance(widget, TextBlock):
                    blocks.append((widget, ""))
                else:
                    number_block, purpose = widget.findChildren(TextBlock)
                    blocks.append((number_block, text("card.phone_lead")))
                    blocks.append((purpose, ""))
        return blocks

    def _content_widgets(self) -> list[QWidget]:
        content = self._scroll.widget()
        return [w for w in content.findChildren(QWidget) if w.parent() is content] \
            if content else []

    def _place(self) -> tuple[QWidget, float] | None:
        top = self._scroll.verticalScrollBar().value()
        if top <= 0:
            return None
        for widget in sorted(self._content_widgets(), key=lambda w: w.y()):
            if widget.isVisible() and widget.geometry().bottom() >= top and widget.height():
                return widget, (top - widget.y()) / widget.height()
        return None

    def _restore_place(self, place: tuple[QWidget, float]) -> None:
        for _ in range(3):
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        widget, fraction = place
        self._scroll.verticalScrollBar().setValue(round(widget.y() + fraction * widget.height()))

    def ensure_visible(self, widget: QWidget) -> None:
        """Scroll so `widget` (a block being read) is on screen."""
        self._scroll.ensureWidgetVisible(widget, 0, MIN_TARGET_PX)

    # --- Page ----------------------------------------------------------------------------------
    def window_title(self, look: Look) -> str:
        if self.card is None:
            return look.t("app.title")
        return self.card.converted(look.script).title

    def focus_chain(self) -> list[QWidget]:
        return [self.read_button, self.print_button, self.back_button, *self.mention_tiles,
                self.bottom_back]


QR_MODULE_PX = 3  # 0.8 mm at 96 dpi: the 69-module code is ~6 cm, read from 40 cm


class _ContactCode(QWidget):
    """The card's contact QR code with what it is for beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardContactCode")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 16, 0, 16)
        row.setSpacing(24)
        self.picture = QLabel()
        self.picture.setObjectName("cardQr")
        self.caption = TextBlock("qr_caption", "paragraph")
        self._shown: ContactCode | None = None
        row.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.caption, 1, Qt.AlignmentFlag.AlignVCenter)

    def fill(self, card: Card, local_info: LocalInfo | None, look: Look, ratio: float) -> None:
        from reader.core.contact_qr import card_code

        scale = max(1, round(QR_MODULE_PX * ratio))
        code = card_code(card, local_info, look.script, scale=scale)
        if code is not self._shown:  # the same code again (a size step): keep its picture
            pixmap = QPixmap.fromImage(QImage.fromData(code.png))
            pixmap.setDevicePixelRatio(scale / QR_MODULE_PX)
            self.picture.setPixmap(pixmap)
            self._shown = code
        self.picture.setAccessibleName(look.t("card.qr_name", name=code.contact.name,
                                              phones="、".join(code.contact.phones)))
        self.caption.set_content(look.t("card.qr_caption"),
                                 look.style(look.sizes.body, gap_px=0, bold=True))


def _phone_widget() -> QWidget:
    """A phone number in large type, with what to call it for underneath."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(TextBlock("phone", "phone_number"))
    column.addWidget(TextBlock("purpose", "phone_purpose"))
    return box


def _fill_phone(box: QWidget, number: str, purpose: str, look: Look) -> None:
    number_block, purpose_block = box.findChildren(TextBlock)
    sizes = look.sizes
    number_block.set_content(f"☎ {number}", look.style(sizes.title, gap_px=16, bold=True,
                                                        heading=True))
    number_block.setAccessibleName(look.t("card.phone_name", number=number, purpose=purpose))
    purpose_block.set_content(purpose, look.style(sizes.body, gap_px=0))


def _fill_item(item: _Item, mark: str, text: str, look: Look, numbered: bool) -> None:
    item.numbered = numbered
    sizes = look.sizes
    gap = round(look.body_line_px * 0.35)
    item.mark.set_content(mark, look.style(sizes.body, gap_px=gap, bold=numbered))
    item.mark.setFixedWidth(round(look.px(sizes.body) * 1.6))
    item.text.set_content(text, look.style(sizes.body, gap_px=gap))
