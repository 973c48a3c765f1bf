"""内容订阅: where this PC gets content packs, whose signature counts, what came last,
and cards that staff changed here which a pack also brings (both versions shown, staff
choose). The checks themselves run in reader.ui.content_packs, off the UI thread; this
panel gets that object through its StaffContext (the composition root makes it)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QFrame, QLineEdit, QVBoxLayout

from reader.core.errors import ReaderError
from reader.ui.staff.parts import Panel, button, heading, label

if TYPE_CHECKING:
    from reader.core.content_store import CardConflict, ContentStore
    from reader.core.pack_pull import PullResult
    from reader.core.subscription import Subscription
    from reader.ui.staff.context import PackChecks, StaffContext


class PacksPanel(Panel):
    key = "packs"

    def __init__(self, ctx: StaffContext) -> None:
        super().__init__(ctx)
        self.title = heading()
        self.howto = label()
        self.source_label = label()
        self.source = QLineEdit()
        self.source.setObjectName("packsSource")
        self.key_label = label()
        self.key_field = QLineEdit()
        self.key_field.setObjectName("packsKey")
        self.key_field.textChanged.connect(self._show_fingerprint)
        self.fingerprint = label(name="packsFingerprint")
        self.save_button = button("packsSave")
        self.save_button.clicked.connect(self.save)
        self.check_button = button("packsCheck")
        self.check_button.clicked.connect(self.check)
        self.usb_button = button("packsUsb")
        self.usb_button.clicked.connect(self.import_from_usb)
        self.state = label(name="packsState")
        self.refusal = label(name="packsRefusal")
        self.conflicts = QVBoxLayout()
        self.add(self.title, self.howto, self.source_label, self.source, self.key_label,
                 self.key_field, self.fingerprint, self.save_button, self.message,
                 self.check_button, self.usb_button, self.state, self.refusal)
        self.column.addLayout(self.conflicts)
        self.column.addStretch(1)
        self._said: tuple[str, dict[str, object]] | None = None
        self._plain_message = ""  # a sentence from the pack code (simplified)
        self._conflicts: list[CardConflict] = []
        checks = self.checks()
        if checks is not None:
            checks.checked.connect(self._checked)

    def checks(self) -> PackChecks | None:
        return self.ctx.content_packs()

    # --- reading and saving the subscription -------------------------------------------------
    def refresh(self) -> None:
        from reader.core.subscription import load_subscription

        subscription = load_subscription()
        self.source.setText(subscription.source)
        self.key_field.setText(subscription.public_key.strip().splitlines()[-1]
                               if subscription.public_key.strip() else "")
        self.retranslate()

    def subscription(self) -> Subscription:
        from reader.core.subscription import Subscription

        return Subscription(self.source.text().strip(), self.key_field.text().strip())

    def save(self) -> None:
        from reader.core.subscription import save_subscription

        try:
            save_subscription(self.subscription())
        except ReaderError as exc:
            self._tell_plain(exc.message)
            return
        except OSError:
            self._tell("staff.packs.save_failed")
            return
        self._tell("staff.packs.saved")

    def check(self) -> None:
        checks = self.checks()
        if checks is None or not checks.check_now():
            self._tell("staff.packs.busy")
            return
        self._tell("staff.packs.checking")

    def choose_pack_file(self) -> str:
        """The file dialog (a method, so tests can answer it)."""
        name, _filter = QFileDialog.getOpenFileName(
            self, self.t("staff.packs.usb"), "", self.t("staff.packs.filter"))
        return name

    def import_from_usb(self) -> None:
        name = self.choose_pack_file()
        if not name:
            return
        checks = self.checks()
        if checks is None or not checks.import_file(Path(name)):
            self._tell("staff.packs.busy")
            return
        self._tell("staff.packs.checking")

    def _checked(self, result: PullResult) -> None:
        """(Home and the cards were brought up to date by the checker itself.)"""
        self._tell_plain(result.message)

    # --- conflicts ---------------------------------------------------------------------------
    def use_pack_version(self, conflict: CardConflict) -> None:
        from reader.core.safe_files import set_aside

        try:
            set_aside(conflict.local)
        except OSError:
            self._tell("staff.packs.save_failed")
            return
        self._after_conflict("staff.packs.used_pack", conflict)

    def keep_local_version(self, conflict: CardConflict) -> None:
        from reader.core.content_store import ContentStore

        try:
            ContentStore().keep_local_card(conflict)
        except OSError:
            self._tell("staff.packs.save_failed")
            return
        self._after_conflict("staff.packs.kept_mine", conflict)

    def _after_conflict(self, key: str, conflict: CardConflict) -> None:
        self.ctx.cards.reload_cards()
        self._said = (key, {"id": conflict.card_id})
        self._plain_message = ""
        self.retranslate()

    # --- text --------------------------------------------------------------------------------
    def _tell(self, key: str, **fields: object) -> None:
        self._said, self._plain_message = (key, fields), ""
        self.retranslate()

    def _tell_plain(self, text: str) -> None:
        self._said, self._plain_message = None, text
        self.retranslate()

    def _show_fingerprint(self) -> None:
        from reader.core.signing import PublicKey

        text = self.key_field.text().strip()
        if not text:
            self.fingerprint.setText(self.t("staff.packs.no_key"))
            return
        try:
            shown = self.t("staff.packs.fingerprint", value=PublicKey.from_text(text).fingerprint())
        except ReaderError as exc:
            shown = self._convert(exc.message)
        self.fingerprint.setText(shown)

    def _convert(self, text: str) -> str:
        look = self.look or self.ctx.look()
        return look.convert(text)

    def retranslate(self) -> None:
        if self.look is None:
            return
        from reader.core.content_store import ContentStore
        from reader.core.pack_status import pack_status
        from reader.core.subscription import load_subscription

        t = self.t
        self.title.setText(t("staff.packs.tab"))
        self.howto.setText(t("staff.packs.howto"))
        self.source_label.setText(t("staff.packs.source"))
        self.key_label.setText(t("staff.packs.key"))
        self.source.setAccessibleName(t("staff.packs.source"))  # what a screen reader says
        self.key_field.setAccessibleName(t("staff.packs.key"))
        self.save_button.set_texts(t("staff.packs.save"), t("staff.packs.save_desc"))
        self.check_button.set_texts(t("staff.packs.check"), t("staff.packs.check_desc"))
        self.usb_button.set_texts(t("staff.packs.usb"), t("staff.packs.usb_desc"))
        self._show_fingerprint()
        store = ContentStore()
        status = pack_status(store, load_subscription())
        lines = [status.installed]
        if status.last_check:
            lines.append(t("staff.packs.last_check") + status.last_check)
        self.state.setText(self._convert("\n".join(lines)))
        self.refusal.setText(self._convert(status.refusal))
        self.refusal.setVisible(bool(status.refusal))
        if self._plain_message:
            self.say(self._convert(self._plain_message))
        elif self._said is not None:
            self.say(t(self._said[0], **self._said[1]))
        else:
            self.say("")
        self._show_conflicts(store)

    def _show_conflicts(self, store: ContentStore) -> None:
        from reader.core.card_text import changed_parts
        from reader.core.cards import parse_card_file
        from reader.paths import local_cards_dir

        while self.conflicts.count():
            item = self.conflicts.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)  # gone from the panel now, deleted later
                widget.deleteLater()
        self._conflicts = store.conflicts(local_cards_dir())
        for conflict in self._conflicts:
            row = QFrame()
            row.setObjectName("staffRow")
            row.setProperty("cardId", conflict.card_id)
            column = QVBoxLayout(row)
            column.addWidget(label(self.t("staff.packs.conflict", id=conflict.card_id)))
            try:
                parts = changed_parts(parse_card_file(conflict.local)[0],
                                      parse_card_file(conflict.published)[0])
            except ReaderError as exc:  # staff's file broke meanwhile: say so, show nothing
                parts = [("", exc.message, "")]
            for heading_text, mine, theirs in parts:
                if heading_text:
                    column.addWidget(label(self._convert(heading_text), "packs.part"))
                for key, text, name in (("staff.packs.mine", mine, "packs.mine"),
                                        ("staff.packs.theirs", theirs, "packs.theirs")):
                    shown = self._convert(text) if text else self.t("staff.packs.none")
                    column.addWidget(label(f"{self.t(key)}{shown}", name))
            use = button("packs.usePack")
            use.set_texts(self.t("staff.packs.use_pack"), self.t("staff.packs.use_pack_desc"))
            use.clicked.connect(lambda _=False, c=conflict: self.use_pack_version(c))
            keep = button("packs.keepMine")
            keep.set_texts(self.t("staff.packs.keep_mine"), self.t("staff.packs.keep_mine_desc"))
            keep.clicked.connect(lambda _=False, c=conflict: self.keep_local_version(c))
            column.addWidget(use)
            column.addWidget(keep)
            self.conflicts.addWidget(row)
            self.restyle(row)
