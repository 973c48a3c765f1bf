"""A picture of the window while reading aloud, for the README and for checking by eye:

    python -m tests.ui.tools.shoot_reading OUT.png [--article 2] [--sentence 8]
        [--script traditional] [--theme high_contrast] [--size 1024x600]

The window is the real one; the speech service is the test stand-in (no sound), told
to start sentence N of 朗读全文 so the highlight is where it would be.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out")
    parser.add_argument("--article", default="2")
    parser.add_argument("--sentence", type=int, default=8)
    parser.add_argument("--script", choices=["simplified", "traditional"])
    parser.add_argument("--theme", choices=["standard", "high_contrast"])
    parser.add_argument("--size", default="1024x600")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_CONFIG_HOME"] = scratch  # never the reader's own settings
        return _shoot(args)


def _shoot(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from reader.core.articles_source import load_articles
    from reader.ui.compose import build_parts
    from reader.ui.shell.settings import Settings
    from tests.support.fake_speech_service import FakeSpeechService

    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = Settings(persist=False)
    if args.script:
        settings.set("script", args.script)
    if args.theme:
        settings.set("theme", args.theme)
    parts = build_parts(settings, load_articles())
    window = parts.window
    width, height = (int(n) for n in args.size.lower().split("x"))
    window.resize(width, height)
    window.show()
    fake = FakeSpeechService()
    parts.voice.start(fake)
    if not window.open_article(args.article):
        print(f"no article {args.article}", file=sys.stderr)
        return 1
    parts.read_aloud.read_all()
    fake.start(args.sentence)
    bridge = parts.voice.bridge
    assert bridge is not None
    bridge._poll()  # deliver the event now rather than from the timer
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        app.processEvents()
    out = Path(args.out)
    ok = window.grab().save(str(out), None, 0)
    parts.read_aloud.stop()
    window.close()
    print(out if ok else f"could not write {out}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
