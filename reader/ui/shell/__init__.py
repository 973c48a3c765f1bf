"""The frame every feature plugs into; it knows no feature.

main_window.py   MainWindow: toolbar on top, the message line, the page stack; the look,
                 zoom keys, focus order, geometry, opening an article.
screens.py       HomeScreen, ArticleScreen: what the window needs of its home and
                 article pages (the reading feature's, handed in by compose).
toolbar.py       the toolbar across the top.
notice_bar.py    NoticeBar, the message line under the toolbar.
settings.py      the settings: declared defaults, a `changed` signal, broken files set aside.
fonts.py         which font family shows each script.
voice.py         Voice: the one speech worker of the window; every reader (article,
                 card, staff 试听) speaks through it and is told to stop by its signal.
speech_bridge.py the speech service's events as Qt signals, never blocking the window.
single_instance.py  one window per user.
doctor_checks.py    `python -m reader doctor` rows for the window (Qt, fonts, settings).
"""
