"""Errors the program explains to people, in plain Chinese."""

from __future__ import annotations


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
