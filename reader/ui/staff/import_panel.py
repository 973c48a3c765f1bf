"""添加文章: choose files (a file dialog: staff side only) or drop them on the window;
each is read off the UI thread and shown as a preview (import_preview.py); 保存 adds it
to the library, 不要这篇 passes to the next file. Files are only ever read.

Messages about files that could not be added (not an article, unknown format, too big,
already in the library) stay listed until the staff area is left, so several dropped
files can be checked at a glance.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QHBoxLayout

from reader.core.cards import Card
from reader.core.errors import ReaderError
from reader.core.library import DuplicateArticle
from reader.ui.staff.file_health import current_cards
from reader.ui.staff.import_preview import ImportPreviewView
from reader.ui.staff.import_worker import PreviewWorker, Request, Result
from reader.ui.staff.parts import Panel, button, heading, label

if TYPE_CHECKING:
    from reader.ui.staff.context import StaffContext


class ImportPanel(Panel):
    key = "import"

    def __init__(self, ctx: StaffContext) -> None:
        super().__init__(ctx)
        self.title = heading()
        self.hint = label()
        self.pick_button = button("importPick")
        self.pick_button.clicked.connect(self.pick_files)
        self.status = label(name="importStatus")
        self.log = label(name="importLog")  # what happened to earlier files
        self.view = ImportPreviewView()
        self.view.hide()
        self.view.restore_changed.connect(self._restore_changed)
        self.view.save_requested.connect(self.save)
        self.view.skip_requested.connect(self.next_file)
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.pick_button)
        pick_row.addWidget(self.view.file_line, 1)  # which file the preview shows
        self.view.file_line.hide()
        self.add(self.title, self.hint)
        self.column.addLayout(pick_row)
        self.add(self.status, self.log, self.view)
        self.column.addStretch(1)
        self.queue: list[Path] = []
        self.done_messages: list[str] = []  # simplified; converted when shown
        self._status: tuple[str, dict[str, object]] | None = None
        self._worker: PreviewWorker | None = None
        self._cards: list[Card] = []

    # --- files in ---------------------------------------------------------------------------
    def choose_files(self) -> list[str]:
        """The file dialog (a method, so tests can answer it)."""
        names, _filter = QFileDialog.getOpenFileNames(
            self, self.t("staff.import.dialog_title"), "", self.t("staff.import.filter"))
        return list(names)

    def pick_files(self) -> None:
        self.add_files([Path(name) for name in self.choose_files()])

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            if path.is_file():
                self.queue.append(path)
            else:
                self._note(f"{path.name or path}：" + self._plain("staff.import.not_a_file"))
        if self.view.result is None and not self.worker().busy:
            self.next_file()
        else:
            self.retranslate()

    def worker(self) -> PreviewWorker:
        if self._worker is None:
            self._cards = list(current_cards(self.ctx).cards)
            self._worker = PreviewWorker(self.ctx.library(), self._cards, self)
            self._worker.finished.connect(self._shown)
            self._worker.failed.connect(self._failed)
        return self._worker

    # --- reading ------------------------------------------------------------------------------
    def next_file(self) -> None:
        """Leave the current preview and read the next file in the queue, if any."""
        self.view.clear()
        self.view.hide()
        if not self.queue:
            self._status = None
            self.retranslate()
            return
        path = self.queue.pop(0)
        self._read(Request(path.name, path=path))

    def _read(self, request: Request) -> None:
        self._status = ("staff.import.reading", {"name": request.name})
        self.view.set_busy(True)
        self.retranslate()
        self.worker().start(request)

    def _restore_changed(self, lines: tuple[int, ...]) -> None:
        result = self.view.result
        if result is None or self.worker().busy:
            return
        # Again from the bytes already read: the file may have moved, and is never
        # read twice; what staff typed as the title is kept.
        self._read(Request(result.request.name, data=result.preview.source,
                           restore_lines=lines, title_override=self._title_override()))

    def _title_override(self) -> str | None:
        result = self.view.result
        typed = self.view.title()
        if result is None or not typed:
            return None
        if typed != result.preview.article.title or result.preview.title_override:
            return typed
        return None

    def _shown(self, result: Result) -> None:
        self._status = None
        if self.look is not None:
            self.view.show_result(result, self._cards, self.look)
            self.restyle(self.view)
        self.view.show()
        self.retranslate()

    def _failed(self, request: Request, message: str) -> None:
        self._note(f"{request.name}：" + (message or self._plain("staff.import.unexpected")))
        if request.data is not None and self.view.result is not None:
            self.view.set_busy(False)  # a restore failed: the preview before it stays
            self._status = None
            self.retranslate()
            return
        self.next_file()

    # --- saving -------------------------------------------------------------------------------
    def save(self) -> None:
        result = self.view.result
        if result is None or self.worker().busy:
            return
        preview = result.preview
        override = self._title_override()
        if not self.view.title():
            self._note(self._plain("staff.import.title_empty"))
        if override:
            preview = replace(preview, article=replace(preview.article, title=override),
                              title_override=override)
        try:
            article = self.ctx.library().add_preview(preview)
        except DuplicateArticle as exc:
            self._note(f"{preview.source_name}：{exc.message}")
        except ReaderError as exc:  # e.g. the disk is full: nothing changed
            self._note(f"{preview.source_name}：{exc.message}")
            return
        else:
            self._note(self._plain("staff.import.saved").format(title=self.in_script(article.title)))
            self.ctx.articles_changed()
        self.next_file()

    # --- texts --------------------------------------------------------------------------------
    def _plain(self, key: str) -> str:
        from reader.core.strings import STRINGS

        return STRINGS[key]

    def _note(self, simplified: str) -> None:
        self.done_messages.append(simplified)
        self.retranslate()

    def retranslate(self) -> None:
        look = self.look
        if look is None:
            return
        t = self.t
        self.title.setText(t("staff.import.tab"))
        self.hint.setText(t("staff.import.hint"))
        self.pick_button.set_texts(t("staff.import.pick"), t("staff.import.pick_desc"))
        status = []
        if self._status is not None:
            key, fields = self._status
            status.append(t(key, **fields))
        if self.queue:
            status.append(t("staff.import.queue", count=len(self.queue)))
        previewing = self.view.result is not None
        self.title.setVisible(not previewing)  # room for the preview on a small screen
        self.hint.setVisible(not previewing)
        self.status.setText("\n".join(status))
        self.status.setVisible(bool(status))
        self.log.setText("\n".join(f"• {look.convert(m)}" for m in self.done_messages))
        self.log.setVisible(bool(self.done_messages))
        if self.view.result is not None:
            self.view.draw(look)
            self.restyle(self.view)
