"""The two-note chime (ding-dong) played when a resident presses 请工作人员帮忙: a sound
staff across the room hear and know, made here so no sound file has to be shipped."""

from __future__ import annotations

import io
import math
import struct
import wave

RATE = 22050
NOTES = ((784.0, 0.45), (622.0, 0.7))  # G5 then E♭5, the usual doorbell fall
VOLUME = 0.5


def chime_wav() -> bytes:
    """A mono 16-bit WAV of the chime; each note fades out so it never clicks."""
    samples: list[int] = []
    for frequency, seconds in NOTES:
        count = int(RATE * seconds)
        for i in range(count):
            fade = math.exp(-4.0 * i / count)
            value = VOLUME * fade * math.sin(2 * math.pi * frequency * i / RATE)
            samples.append(int(value * 32767))
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return out.getvalue()
