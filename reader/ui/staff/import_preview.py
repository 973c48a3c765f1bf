"""The import preview: what an article file turns into, before it is saved.

Shows the file's name, the title found (editable), the sections with their paragraph
counts and first words, the topic links found, and each line removed as noise with a
恢复 button (a restored line is listed too, with 再去掉). A duplicate is said plainly
and cannot be saved; lines with bytes that could not be read (shown as �) are named.
The panel owns the actions; this widget only shows and asks.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from reader.core.article import RemovedLine
from reader.core.cards import Card
from reader.core.look import Look
from reader.ui.staff.import_worker import Result
from reader.ui.staff.parts import button, data_in_script, heading, label

FIRST_WORDS = 30  # characters of each section's first paragraph
DAMAGED_SHOWN = 10  # line numbers named when a file has bytes that could not be read


class ImportPreviewView(QWidget):
    restore_changed = Signal(object)  # tuple of line numbers to keep
    save_requested = Signal()
    skip_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreview")
        self.result: Result | None = None
        self.restored: dict[int, RemovedLine] = {}  # line number -> the line, as removed
        self.card_titles: dict[str, str] = {}
        self.file_line = label(name="previewFile")
        self.title_label = label()
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("previewTitle")
        self.title_edit.setAcceptDrops(False)  # a dropped file goes to the window, not here
        self.title_edit.setMinimumHeight(56)
        self.duplicate = label(name="previewDuplicate")
        self.damaged = label(name="previewDamaged")
        self.title_made = label(name="previewTitleMade")
        self.sections_title = heading()
        self.sections = label(name="previewSections")
        self.links_title = heading()
        self.links = label(name="previewLinks")
        self.removed_title = heading()
        self.removed_box = QVBoxLayout()
        self.restored_title = heading()
        self.restored_box = QVBoxLayout()
        self.save_button = button("previewSave")
        self.save_button.clicked.connect(self.save_requested.emit)
        self.skip_button = button("previewSkip")
        self.skip_button.clicked.connect(self.skip_requested.emit)
        # Top: the file, the title and the two actions; below, side by side, what the
        # article will be (left) and what was taken out of it (right), so a 1024 × 600
        # screen shows most of a preview without scrolling.
        # (`file_line` is placed by the panel, beside its 选文件 button.)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title_label)
        title_row.addWidget(self.title_edit, 1)
        title_row.addWidget(self.save_button)
        title_row.addWidget(self.skip_button)
        left = QVBoxLayout()
        for widget in (self.sections_title, self.sections, self.links_title, self.links):
            left.addWidget(widget)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.removed_title)
        right.addLayout(self.removed_box)
        right.addWidget(self.restored_title)
        right.addLayout(self.restored_box)
        right.addStretch(1)
        sides = QHBoxLayout()
        sides.setSpacing(24)
        sides.addLayout(left, 1)
        sides.addLayout(right, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addWidget(self.duplicate)
        column.addWidget(self.damaged)
        column.addLayout(title_row)
        column.addWidget(self.title_made)
        column.addLayout(sides)
        self._rows: list[QWidget] = []

    def show_result(self, result: Result, cards: list[Card], look: Look) -> None:
        """Show a preview (after a restore the panel passes the title staff typed as
        the title override, so it stays)."""
        self.result = result
        self.card_titles = {card.id: card.title for card in cards}
        for line in result.preview.removed:
            self.restored.pop(line.line_no, None)
        self.title_edit.setText(result.preview.article.title)
        self.title_edit.setCursorPosition(0)  # a long title shows its start, not its end
        self.draw(look)

    def clear(self) -> None:
        self.result = None
        self.file_line.hide()
        self.restored = {}
        self.title_edit.clear()

    def title(self) -> str:
        return self.title_edit.text().strip()

    def restore(self, line: RemovedLine) -> None:
        self.restored[line.line_no] = line
        self.restore_changed.emit(tuple(sorted(self.restored)))

    def unrestore(self, line_no: int) -> None:
        self.restored.pop(line_no, None)
        self.restore_changed.emit(tuple(sorted(self.restored)))

    def set_busy(self, busy: bool) -> None:
        duplicate = self.result is not None and self.result.preview.duplicate_of is not None
        self.save_button.setEnabled(not busy and not duplicate)
        for row in self._rows:
            row.setEnabled(not busy)

    # --- drawing ----------------------------------------------------------------------------
    def draw(self, look: Look) -> None:
        result = self.result
        if result is None:
            return
        t = look.t
        article = result.preview.article
        self.file_line.setText(t("staff.import.file", name=result.preview.source_name))
        self.file_line.show()
        duplicate = result.preview.duplicate_of
        self.duplicate.setText(t("staff.import.duplicate",
                                 title=data_in_script(duplicate.title, look.script))
                               if duplicate else "")
        self.duplicate.setVisible(duplicate is not None)
        damaged = article.damaged_lines
        shown = "、".join(str(n) for n in damaged[:DAMAGED_SHOWN])
        more = t("staff.import.damaged_more") if len(damaged) > DAMAGED_SHOWN else ""
        self.damaged.setText(t("staff.import.damaged", lines=shown + more) if damaged else "")
        self.damaged.setVisible(bool(damaged))
        self.title_made.setText(t("staff.import.title_made"))
        self.title_made.setVisible(article.title_made and result.preview.title_override is None)
        self.title_label.setText(t("staff.import.title"))
        self.title_edit.setAccessibleName(t("staff.import.title"))
        self.sections_title.setText(t("staff.import.sections", count=len(article.sections)))
        lines = []
        for section in article.sections:
            paragraphs = [b for b in section.blocks if b.kind == "paragraph"]
            start = paragraphs[0].text[:FIRST_WORDS] + "……" if paragraphs else ""
            lines.append("• " + t("staff.import.section",
                                  heading=section.heading or t("staff.import.no_heading"),
                                  paragraphs=len(paragraphs), start=start))
        self.sections.setText("\n".join(lines))
        self.links_title.setText(t("staff.import.links"))
        self.links.setText(self._links_text(look))
        self.removed_title.setText(t("staff.import.removed", count=len(result.preview.removed))
                                   if result.preview.removed else t("staff.import.no_removed"))
        self.restored_title.setText(t("staff.import.restored"))
        self.restored_title.setVisible(bool(self.restored))
        self._build_rows(look)
        self.save_button.set_texts(t("staff.import.save"), t("staff.import.save_desc"))
        self.skip_button.set_texts(t("staff.import.skip"), t("staff.import.skip_desc"))
        self.set_busy(False)

    def _links_text(self, look: Look) -> str:
        assert self.result is not None
        seen: list[tuple[str, str]] = []
        for link in self.result.links:
            pair = (link.term, link.card_id)
            if pair not in seen:
                seen.append(pair)
        if not seen:
            return look.t("staff.import.no_links")
        return "\n".join("• " + look.t("staff.import.link", term=look.convert(term),
                                       card=look.convert(self.card_titles.get(card, card)))
                         for term, card in seen)

    def _build_rows(self, look: Look) -> None:
        assert self.result is not None
        for row in self._rows:
            row.setParent(None)
            row.deleteLater()
        self._rows = []
        t = look.t
        # grouped by why they were removed: the reason once, then its lines
        reasons: dict[str, list[RemovedLine]] = {}
        for line in self.result.preview.removed:
            reasons.setdefault(line.reason, []).append(line)
        for reason, lines in reasons.items():
            reason_label = label(look.convert(reason) + "：")
            reason_label.setProperty("staffBold", True)
            self._rows.append(reason_label)
            self.removed_box.addWidget(reason_label)
            for line in lines:
                text = t("staff.import.removed_line", line=line.line_no, text=line.text)
                row = self._row(text, t("staff.import.restore"), t("staff.import.restore_desc"),
                                f"restore.{line.line_no}",
                                lambda _=False, x=line: self.restore(x))
                self.removed_box.addWidget(row)
        for number, line in sorted(self.restored.items()):
            text = t("staff.import.removed_line", line=number, text=line.text)
            row = self._row(text, t("staff.import.unrestore"), t("staff.import.unrestore_desc"),
                            f"unrestore.{number}", lambda _=False, n=number: self.unrestore(n))
            self.restored_box.addWidget(row)

    def _row(self, text: str, action: str, description: str, name: str,
             slot: object) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(label(text), 1)
        act = button(name)
        act.set_texts(action, description)
        act.clicked.connect(slot)
        line.addWidget(act)
        self._rows.append(row)
        return row
