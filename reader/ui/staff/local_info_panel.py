"""本地信息: what the local-information file says now, and its problems, plainly.

Decision: no in-program editor. The file is the one place staff write the centre's
address and the local offices, with comments that explain each line; the program only
ever reads it (reader.core.local_info), so a mistake never costs what staff wrote. This
panel shows what was read and what is wrong, and — outside community mode only — opens
the file in the system's text editor (Notepad on Windows). In community mode no other
program may open on the residents' PC: staff leave the mode first (设置).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from reader.core.local_info import CENTRE_FIELDS, LocalInfo, load_local_info
from reader.ui.staff.file_health import current_cards
from reader.ui.staff.parts import Panel, button, heading, label

if TYPE_CHECKING:
    from reader.ui.staff.feature import StaffArea


def open_in_text_editor(path: Path) -> bool:
    """Open `path` in the system's text editor; False when nothing could be started."""
    try:
        if sys.platform == "win32":
            subprocess.Popen(["notepad.exe", str(path)])  # .toml has no default program
            return True
        if sys.platform == "darwin":
            subprocess.Popen(["open", "-t", str(path)])
            return True
    except OSError:
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(os.fspath(path)))


class LocalInfoPanel(Panel):
    key = "local"

    def __init__(self, area: StaffArea) -> None:
        super().__init__(area)
        self.title = heading()
        self.howto = label()
        self.path_line = label(name="localPath")
        self.values = label(name="localValues")
        self.problems = label(name="localProblems")
        self.kiosk_note = label(name="localKioskNote")
        self.open_button = button("localOpen")
        self.open_button.clicked.connect(self.open_file)
        self.reload_button = button("localReload")
        self.reload_button.clicked.connect(self.reload)
        self.add(self.title, self.howto, self.path_line, self.values, self.problems,
                 self.kiosk_note, self.open_button, self.reload_button, self.message)
        self.column.addStretch(1)
        self.info: LocalInfo | None = None
        self.opener = open_in_text_editor  # replaced in tests

    def refresh(self) -> None:
        cards = current_cards(self.area)
        self.info = load_local_info(cards=[(card.id, card.title) for card in cards])
        self.say("")
        self.retranslate()

    def reload(self) -> None:
        self.refresh()
        self.say(self.t("staff.local.reloaded"))

    def open_file(self) -> None:
        if self.area.community.active or self.info is None or self.info.path is None:
            return
        if not self.opener(self.info.path):
            self.say(self.t("staff.local.open_failed", path=self.info.path))

    def retranslate(self) -> None:
        look = self.look
        if look is None:
            return
        t = self.t
        self.title.setText(t("staff.local.tab"))
        self.howto.setText(t("staff.local.howto"))
        info = self.info
        if info is not None:
            self.path_line.setText(t("staff.local.file", path=info.path))
            lines = [t("staff.local.centre")]
            for key, name in CENTRE_FIELDS.items():
                value = getattr(info.centre, key) or t("staff.local.empty")
                lines.append(t("staff.local.field", label=look.convert(name), value=value))
            filled = sum(1 for office in info.offices.values() if not office.is_empty())
            lines.append(t("staff.local.offices", count=filled))
            self.values.setText("\n".join(lines))
            if info.problems:
                self.problems.setText("\n".join(
                    [t("staff.local.problems"), *(f"• {look.convert(p)}" for p in info.problems)]))
            else:
                self.problems.setText(t("staff.local.ok"))
        kiosk = self.area.community.active
        self.kiosk_note.setText(t("staff.local.kiosk_note"))
        self.kiosk_note.setVisible(kiosk)
        self.open_button.setEnabled(not kiosk)
        self.open_button.set_texts(t("staff.local.open"), t("staff.local.open_desc"))
        self.reload_button.set_texts(t("staff.local.reload"), t("staff.local.reload_desc"))
