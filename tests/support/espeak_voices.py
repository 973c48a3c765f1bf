"""What the installed espeak-ng itself says about its Mandarin voices, asked through its
command line (not through the program), so tests can name the voice the program should
pick on this machine: `sit/cmn-latn-pinyin` on espeak-ng 1.51+, `sit/cmn` on 1.50."""

from __future__ import annotations

import subprocess
from pathlib import Path

# Tone-numbered pinyin, as the program gives espeak; a voice that reads it as Mandarin
# gives rising-tone phonemes (35), one that reads it as English marks "(en)".
PINYIN_PROBE = "yin2 hang2"


def _espeak(*args: str) -> str:
    return subprocess.run(["espeak-ng", *args], capture_output=True, text=True,
                          timeout=30, check=True).stdout


def mandarin_voice_files() -> list[str]:
    """The File column of `espeak-ng --voices=cmn`, lower-cased as pyttsx3 gives ids."""
    lines = _espeak("--voices=cmn").splitlines()[1:]
    return [line.split()[4].lower() for line in lines if len(line.split()) > 4]


def reads_pinyin_as_mandarin(voice: str) -> bool:
    phonemes = _espeak("-q", "-x", "-v", voice, PINYIN_PROBE)
    return "(en)" not in phonemes and "35" in phonemes


def pinyin_reading_voice() -> str:
    """The installed voice that reads tone-numbered pinyin as Mandarin."""
    for voice in mandarin_voice_files():
        if reads_pinyin_as_mandarin(voice):
            return voice
    raise AssertionError("this espeak-ng has no voice that reads pinyin as Mandarin")


def espeak_data_without_mandarin_voices(root: Path) -> Path:
    """A copy (by links) of espeak-ng's data with no Mandarin voice at all (neither
    cmn-latn-pinyin nor cmn, which reads pinyin on 1.50); espeak-ng reads its data from
    $ESPEAK_DATA_PATH/espeak-ng-data."""
    source = Path(_espeak("--version").split("Data at:")[1].strip())

    def copy(src: Path, dst: Path) -> None:
        dst.mkdir(parents=True)
        for item in src.iterdir():
            if item.name.lower() in ("cmn", "cmn-latn-pinyin"):
                continue
            if item.name in ("lang", "sit") and item.is_dir():
                copy(item, dst / item.name)
            else:
                (dst / item.name).symlink_to(item)

    copy(source, root / "espeak-ng-data")
    return root
