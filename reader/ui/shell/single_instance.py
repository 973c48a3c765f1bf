"""One window per user: a second launch brings the running window to the front.

Elderly users double-click the icon again while the program is still starting, so
"is another one running?" must be answered even before the first one listens. A lock
file decides who is first (QLockFile notices a lock left by a crashed process); the
first one listens on a local socket; a later one connects (retrying while the first
is still starting), says "raise", and exits once the first answers. A first instance
that is stopped or hung still accepts the connection (the system does that for it) but
never answers: then the later one opens its own window, so a resident always gets one.
"""

from __future__ import annotations

import binascii
import getpass
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

from reader import paths

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_TRIES = 150  # × 100 ms: the first instance may still be loading, on an old PC
ANSWER_WAIT_MS = 10_000  # a busy but working window answers within seconds, even under load
RAISE = b"raise\n"
RAISED = b"raised\n"


def _key() -> str:
    # The user and their settings folder: the lock file lives in that folder, so a run
    # with other folders (tests, the soak command) must not answer for this one.
    # (crc32, not hashlib: loading OpenSSL would cost start-up ~3 ms for a name)
    who = f"{getpass.getuser()}\n{paths.config_dir()}"
    return f"dazi-reader-{binascii.crc32(who.encode()):08x}"


class SingleInstance(QObject):
    activated = Signal()  # another launch asked this window to come to the front

    def __init__(self, key: str | None = None) -> None:
        super().__init__()
        self.key = key or _key()
        paths.config_dir().mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(paths.config_dir() / f"{self.key}.lock"))
        self._server: QLocalServer | None = None

    def claim(self, listen: bool = True) -> bool:
        """True: this is the only instance (now listening). False: another one runs
        and has been asked to come to the front; this process should exit.
        `listen=False`: take the lock only and call `listen()` later (the window's
        start-up then does not wait for QtNetwork; a second launch keeps retrying)."""
        if self._lock.tryLock(0):
            if listen:
                self.listen()
            return True
        from PySide6.QtNetwork import QLocalSocket

        for _ in range(CONNECT_TRIES):
            started = time.monotonic()
            socket = QLocalSocket()
            socket.connectToServer(self.key)
            if socket.waitForConnected(100):
                socket.write(RAISE)
                socket.waitForBytesWritten(500)
                answered = _answer(socket).startswith(RAISED.strip())
                socket.abort()
                if answered:
                    return False
                break
            # With no server yet the attempt fails at once, not after 100 ms: wait the
            # rest, or all tries would be spent before the first instance listens.
            time.sleep(max(0.0, 0.1 - (time.monotonic() - started)))
        # The lock is held but nobody answers: a hung first instance. Run anyway
        # rather than leave a resident with no window at all, and answer the launches
        # after this one in its place.
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        """Answer later launches (after a successful `claim`)."""
        from PySide6.QtNetwork import QLocalServer

        if self._server is not None:
            return
        QLocalServer.removeServer(self.key)  # a socket left by a crash
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(self.key)

    def _on_connection(self) -> None:
        assert self._server is not None
        socket = self._server.nextPendingConnection()
        if socket is None:
            return
        socket.waitForReadyRead(500)
        if bytes(socket.readAll().data()).startswith(RAISE.strip()):
            self.activated.emit()
            socket.write(RAISED)
            socket.waitForBytesWritten(500)
        socket.disconnectFromServer()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
        self._lock.unlock()


def _answer(socket: QLocalSocket) -> bytes:
    """What the running window said back within ANSWER_WAIT_MS (b"" if nothing)."""
    deadline = time.monotonic() + ANSWER_WAIT_MS / 1000
    data = b""
    while not data.endswith(b"\n") and time.monotonic() < deadline:
        left_ms = max(1, int((deadline - time.monotonic()) * 1000))
        if not socket.waitForReadyRead(left_ms):
            break
        data += bytes(socket.readAll().data())
    return data
