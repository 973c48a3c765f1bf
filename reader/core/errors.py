"""Errors the program explains to people, in plain Chinese."""

from __future__ import annotations

import errno

# The file-system errors staff meet, as plain words (Python's own text is English).
_OS_ERROR_WORDS = {
    errno.ENOENT: "找不到这个文件或文件夹",
    errno.EACCES: "没有权限（这个位置不让写或不让读）",
    errno.EPERM: "没有权限（这个位置不让写或不让读）",
    errno.EISDIR: "这里是一个文件夹，不是文件",
    errno.ENOTDIR: "路径里有一段是文件，不是文件夹",
    errno.ENOSPC: "磁盘满了",
    errno.EROFS: "这个磁盘只能读，不能写",
    errno.EEXIST: "已经有同名的文件",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EIO: "磁盘读写出错（U 盘拔掉了，或者磁盘有问题）",
    errno.EBUSY: "文件正被别的程序占用",
}


def plain_os_error(exc: BaseException) -> str:
    """Why a file operation failed, in plain Chinese for staff: the common errno cases
    in words, anything else as the system says it."""
    if isinstance(exc, OSError) and exc.errno in _OS_ERROR_WORDS:
        return _OS_ERROR_WORDS[exc.errno]
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
