"""The names of the voices a PC can be set to, without loading any voice.

Settings check `speech/voice` against VOICE_CHOICES before the first paint; the voice
machinery itself (reader/speech/voices.py: model files, LiteRT, espeak) loads only
when something is read aloud.
"""

from __future__ import annotations

from typing import Literal

VoiceChoice = Literal["auto", "neural", "system"]
VOICE_CHOICES: tuple[VoiceChoice, ...] = ("auto", "neural", "system")
VoiceKind = Literal["neural", "system"]
VOICE_LABELS: dict[VoiceKind, str] = {"neural": "神经网络语音", "system": "系统语音"}
