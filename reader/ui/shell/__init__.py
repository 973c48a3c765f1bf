"""The frame every feature plugs into; it knows no feature.

main_window.py   MainWindow: toolbar on top, the message line, the page stack; the look,
                 zoom keys, focus order, geometry, opening an article.
toolbar.py       the toolbar across the top.
notice_bar.py    NoticeBar, the message line under the toolbar.
settings.py      the settings: declared defaults, a `changed` signal, broken files set aside.
fonts.py         which font family shows each script.
single_instance.py  one window per user.
doctor_checks.py    `python -m reader doctor` rows for the window (Qt, fonts, settings).
"""
