"""Errors the program explains to people, in plain Chinese."""

from __future__ import annotations

import errno

from reader.core.strings import STRINGS

# The file-system errors staff meet, as plain words (Python's own text is English).
_OS_ERROR_WORDS = {  # errno -> key of its plain words in reader.core.strings
    errno.ENOENT: "os_error.enoent",
    errno.EACCES: "os_error.eacces",
    errno.EPERM: "os_error.eperm",
    errno.EISDIR: "os_error.eisdir",
    errno.ENOTDIR: "os_error.enotdir",
    errno.ENOSPC: "os_error.enospc",
    errno.EROFS: "os_error.erofs",
    errno.EEXIST: "os_error.eexist",
    errno.ENAMETOOLONG: "os_error.enametoolong",
    errno.EIO: "os_error.eio",
    errno.EBUSY: "os_error.ebusy",
}


def plain_os_error(exc: BaseException) -> str:
    """Why a file operation failed, in plain Chinese for staff: the common errno cases
    in words, anything else as the system says it."""
    if isinstance(exc, OSError) and exc.errno in _OS_ERROR_WORDS:
        return STRINGS[_OS_ERROR_WORDS[exc.errno]]
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


class ReaderError(Exception):
    """An expected failure with a message fit to show a resident or staff member.

    `message` is plain Simplified Chinese (the UI converts it for 繁體 like every other
    string); `detail` is optional technical context for logs and `doctor`.
    """

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message if not self.detail else f"{self.message}（{self.detail}）"


class ArticleFileError(ReaderError):
    """A file could not be turned into an article (unreadable, empty, binary, too big)."""
