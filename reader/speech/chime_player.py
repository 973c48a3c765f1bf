"""Play the help chime without waiting for it (the window must not freeze).

Linux: `aplay`, the player reading aloud uses; Windows: winsound; macOS: afplay.
Returns False when nothing could be started: the banner on screen is what counts.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from reader.core.chime import chime_wav

_file: Path | None = None


def _chime_file() -> Path:
    global _file
    if _file is None or not _file.exists():
        handle = tempfile.NamedTemporaryFile(prefix="dazi-chime-", suffix=".wav", delete=False)
        with handle:
            handle.write(chime_wav())
        _file = Path(handle.name)
    return _file


def play_chime() -> bool:
    try:
        if sys.platform == "win32":
            import winsound

            winsound.PlaySound(str(_chime_file()), winsound.SND_FILENAME | winsound.SND_ASYNC)
            return True
        player = "afplay" if sys.platform == "darwin" else "aplay"
        program = shutil.which(player)
        if program is None:
            return False
        import subprocess  # here, not at the top: the window imports this before its first paint

        args = [program, str(_chime_file())] + ([] if player == "afplay" else ["-q"])
        subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
        return True
    except (OSError, RuntimeError):
        return False
