"""A stand-in for `aplay` on a PC with no sound card (build machines, the soak).

It is a real program on PATH that "plays" the WAV the espeak driver wrote by sleeping
for the sound's length, so reading aloud takes as long as it would with speakers and
stopping it is a real stop of a real child process. It logs "start PID FILE" and
"end PID MS" lines to $FAKE_APLAY_LOG when that is set; $FAKE_APLAY_MAX_MS caps each
play and $FAKE_APLAY_HANG makes it never end (for tests of a stuck player).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

PLAYER_SCRIPT = """#!/bin/sh
f="$1"
log="${FAKE_APLAY_LOG:-/dev/null}"
echo "start $$ $f" >> "$log"
if [ -n "$FAKE_APLAY_HANG" ]; then sleep 1000; fi
bytes=$(stat -c %s "$f")
ms=$((bytes * 1000 / 44100))
if [ -n "$FAKE_APLAY_MAX_MS" ] && [ "$ms" -gt "$FAKE_APLAY_MAX_MS" ]; then ms=$FAKE_APLAY_MAX_MS; fi
sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
echo "end $$ $ms" >> "$log"
"""


def has_sound_card() -> bool:
    """True when `aplay -l` lists a playback card (False also when there is no aplay)."""
    aplay = shutil.which("aplay")
    if aplay is None:
        return False
    try:
        listing = subprocess.run([aplay, "-l"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return False
    return "card " in listing.stdout


def install(folder: Path) -> Path:
    """Write the stand-in as `folder/aplay` and put `folder` first on PATH (of this
    process and the processes it starts). Returns the program's path."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "aplay"
    program.write_text(PLAYER_SCRIPT)
    program.chmod(0o755)
    os.environ["PATH"] = f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"
    return program
