"""Reading an article file for the import preview, off the UI thread.

A 20 MB web page or a long Word file takes seconds to parse; the staff area must keep
answering meanwhile (and the idle reset keep ticking). One job runs at a time: the
library is read by the job and written only by the UI thread, never both at once.
Results come back as queued signals, so the slots run on the UI thread.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reader import crash
from reader.core.cards import Card
from reader.core.errors import ReaderError
from reader.core.library import ImportPreview, Library
from reader.core.linking import Link, find_links


@dataclass(frozen=True)
class Request:
    """What to read: a file (the first time) or its bytes again (after a restore)."""

    name: str
    path: Path | None = None
    data: bytes | None = None
    restore_lines: tuple[int, ...] = ()
    title_override: str | None = None


@dataclass(frozen=True)
class Result:
    request: Request
    preview: ImportPreview
    links: list[Link] = field(default_factory=list)


class PreviewWorker(QObject):
    finished = Signal(object)  # Result
    failed = Signal(object, str)  # Request, plain message (simplified)

    def __init__(self, library: Library, cards: list[Card],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.cards = cards
        self.busy = False
        self._thread: threading.Thread | None = None

    def start(self, request: Request) -> None:
        if self.busy:
            raise RuntimeError("one preview at a time")
        self.busy = True
        self._thread = threading.Thread(target=self._run, args=(request,), daemon=True,
                                        name="import-preview")
        self._thread.start()

    def wait(self, timeout: float = 30.0) -> None:
        """For tests and closing: until the running job has ended."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self, request: Request) -> None:
        try:
            source: Path | bytes = request.data if request.data is not None else \
                request.path if request.path is not None else b""
            preview = self.library.preview(source, request.name, request.restore_lines,
                                           request.title_override)
            links = find_links(preview.article, self.cards)
        except ReaderError as exc:
            self._failed(request, exc.message)
        except Exception:  # an unexpected failure: logged for us, plain words for staff
            crash.log_error(*sys.exc_info())
            self._failed(request, "")
        else:
            self.busy = False
            self.finished.emit(Result(request, preview, links))

    def _failed(self, request: Request, message: str) -> None:
        self.busy = False
        self.failed.emit(request, message)
