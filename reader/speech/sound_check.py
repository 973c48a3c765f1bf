"""试一下声音: play one short sentence through the same path as reading aloud, and say
plainly whether it could be played. Used by `python -m reader doctor --sound` and the
button in the staff area (which polls `SoundCheck.poll` from a timer).

It can only tell that the player played (or could not): whether the speakers are on
and loud enough, only a listener can say, hence the sentence asks them.
"""

from __future__ import annotations

import time

from reader.speech.service import SpeechService

TEST_SENTENCE = "您好，声音正常。听到这句话，就可以朗读文章了。"
HEARD = "声音已经放出来了。如果没有听到，请检查音箱或耳机是否接好、音量是否打开。"
TIMEOUT_S = 40.0


class SoundCheck:
    def __init__(self, service: SpeechService | None = None) -> None:
        self._own = service is None
        self.service = service or SpeechService()
        self._started = 0.0
        self.result: tuple[bool, str] | None = None

    def start(self) -> None:
        self._started = time.monotonic()
        self.result = None
        self.service.speak([("sound-check", TEST_SENTENCE)])

    def poll(self) -> tuple[bool, str] | None:
        """None while playing; then (played, plain message for staff)."""
        if self.result is not None:
            return self.result
        for event in self.service.poll_events():
            if event.kind == "done":
                self.result = (True, HEARD)
            elif event.kind == "error":
                detail = f"（{event.detail}）" if event.detail else ""
                self.result = (False, event.message + detail)
        if self.result is None and time.monotonic() - self._started > TIMEOUT_S:
            self.service.stop()
            self.result = (False, "放了很久还没有放完，声音可能卡住了。请重启电脑后再试。")
        return self.result

    def close(self) -> None:
        if self._own:
            self.service.close()


def run_sound_check() -> tuple[bool, str]:
    """Play the test sentence and wait for the answer (for the command line)."""
    check = SoundCheck()
    try:
        check.start()
        while (result := check.poll()) is None:
            time.sleep(0.05)
        return result
    finally:
        check.close()
