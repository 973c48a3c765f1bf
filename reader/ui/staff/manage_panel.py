"""文章管理: every article in the library, hidden ones too, with 隐藏 / 取消隐藏 and, for
imported articles, 删除 — which asks first, in the row itself (确定删除 / 不删了), so
there is no pop-up to lose and nothing is deleted by one stray click. Seeds have no
删除: they can only be hidden."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from reader.core.errors import ReaderError
from reader.core.library import LibraryItem
from reader.ui.staff.parts import Panel, button, heading, label

if TYPE_CHECKING:
    from reader.ui.staff.context import StaffContext


class ManagePanel(Panel):
    key = "manage"

    def __init__(self, ctx: StaffContext) -> None:
        super().__init__(ctx)
        self.title = heading()
        self.hint = label()
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(12)
        self.add(self.title, self.hint, self.message)
        self.column.addLayout(self.rows_box)
        self.column.addStretch(1)
        self.items: list[LibraryItem] = []
        self.rows: dict[str, QFrame] = {}
        self.confirming = ""  # id of the article whose deletion is being asked about

    def refresh(self) -> None:
        self.items = self.ctx.library().items(include_hidden=True)
        self.confirming = ""
        self._build_rows()

    def retranslate(self) -> None:
        self.title.setText(self.t("staff.manage.tab"))
        self.hint.setText(self.t("staff.manage.hint"))
        self._build_rows()

    # --- rows -----------------------------------------------------------------------------------
    def _build_rows(self) -> None:
        if self.look is None:
            return
        for row in self.rows.values():
            self.rows_box.removeWidget(row)
            row.deleteLater()
        self.rows = {}
        for item in self.items:
            row = self._row(item)
            self.rows_box.addWidget(row)
            self.rows[item.article.id] = row
            self.restyle(row)

    def _row(self, item: LibraryItem) -> QFrame:
        t = self.t
        article = item.article
        row = QFrame()
        row.setObjectName("staffRow")
        row.setProperty("articleId", article.id)
        layout = QVBoxLayout(row)
        added = time.strftime("%Y-%m-%d", time.localtime(item.added))
        if item.seed or item.published:
            facts = [t("staff.manage.seed" if item.seed else "staff.manage.published")]
        else:
            facts = [t("staff.manage.added", date=added)]
        if item.hidden:
            facts.append(t("staff.manage.hidden_mark"))
        title = self.in_script(article.title)
        layout.addWidget(label(f"《{title}》　" + "　".join(facts), "manageTitle"))
        buttons = QWidget()
        line = QHBoxLayout(buttons)
        line.setContentsMargins(0, 0, 0, 0)
        if self.confirming == article.id:
            layout.addWidget(label(t("staff.manage.confirm", title=title)))
            yes = button("manageConfirmYes")
            yes.set_texts(t("staff.manage.confirm_yes"), t("staff.manage.delete_desc"))
            yes.clicked.connect(lambda _=False, i=item: self.delete(i))
            no = button("manageConfirmNo")
            no.set_texts(t("staff.manage.confirm_no"), t("staff.manage.confirm_no"))
            no.clicked.connect(self.cancel_delete)
            line.addWidget(yes)
            line.addWidget(no)
        else:
            key = "unhide" if item.hidden else "hide"
            toggle = button(f"manage.{key}")
            toggle.set_texts(t(f"staff.manage.{key}"), t(f"staff.manage.{key}_desc"))
            toggle.clicked.connect(lambda _=False, i=item: self.toggle_hidden(i))
            line.addWidget(toggle)
            if not item.seed and not item.published:  # those can only be hidden
                delete = button("manage.delete")
                delete.set_texts(t("staff.manage.delete"), t("staff.manage.delete_desc"))
                delete.clicked.connect(lambda _=False, i=item: self.ask_delete(i))
                line.addWidget(delete)
        line.addStretch(1)
        layout.addWidget(buttons)
        return row

    # --- actions --------------------------------------------------------------------------------
    def toggle_hidden(self, item: LibraryItem) -> None:
        library = self.ctx.library()
        title = self.in_script(item.article.title)
        try:
            if item.hidden:
                library.unhide(item.article.id)
            else:
                library.hide(item.article.id)
        except ReaderError as exc:
            self._done(self.look_convert(exc.message))
            return
        self._done(self.t("staff.manage.unhidden" if item.hidden else "staff.manage.hidden",
                          title=title))

    def ask_delete(self, item: LibraryItem) -> None:
        self.confirming = item.article.id
        self._build_rows()

    def cancel_delete(self) -> None:
        self.confirming = ""
        self._build_rows()

    def delete(self, item: LibraryItem) -> None:
        try:
            self.ctx.library().delete(item.article.id)
        except ReaderError as exc:
            self._done(self.look_convert(exc.message))
            return
        self._done(self.t("staff.manage.deleted", title=self.in_script(item.article.title)))

    def look_convert(self, text: str) -> str:
        return self.look.convert(text) if self.look is not None else text

    def _done(self, message: str) -> None:
        self.ctx.articles_changed()
        self.refresh()
        self.say(message)
