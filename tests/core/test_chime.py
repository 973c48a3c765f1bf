import io
import wave

from reader.core.chime import NOTES, RATE, chime_wav


def test_the_chime_is_a_short_wav_that_fades_out() -> None:
    with wave.open(io.BytesIO(chime_wav()), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, RATE)
        frames = w.readframes(w.getnframes())
    seconds = len(frames) / 2 / RATE
    assert abs(seconds - sum(s for _f, s in NOTES)) < 0.01
    samples = memoryview(frames).cast("h")
    first_note = int(RATE * NOTES[0][1])
    loud = max(abs(v) for v in samples[:200])
    tail = max(abs(v) for v in samples[first_note - 200:first_note])
    assert loud > 5000 and tail < loud / 20  # a clear start, no click at the note's end
