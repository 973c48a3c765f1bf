"""The contact a card's QR code carries: who to call about this card, as a vCard 3.0.

A resident takes the printed card home; a son or daughter scans the code with the phone
camera (or WeChat) and the phone offers to save the contact. What goes in:

- the local office staff filled in for this card (name, phone, address; its hours and
  note in the contact's note), with the national hotline as a second number;
- otherwise the national hotline alone (the first one the card lists: 12333 on 人社's
  cards, 12345 on the others), and the note says that no local office was filled in.
  Nothing local is ever made up.

vCard 3.0 rather than MECARD: iOS and Android (ZXing, Google Lens) both document vCard
as a contact format; MECARD is a DoCoMo convention that iOS does not name. The text is
UTF-8 and the QR code says so with an ECI header, so phones do not guess Shift-JIS for
Chinese bytes. Error correction Q (25 % of the code may be lost) for a folded or
crumpled page; version and size follow from the text (segno picks the smallest).
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass

import segno
from segno import helpers

from reader.core import strings
from reader.core.article import Script
from reader.core.cards import Card
from reader.core.local_info import LocalInfo
from reader.core.script import convert

# national hotlines: number -> the name a phone's contact list shows
HOTLINES: dict[str, str] = {
    "12345": "12345政务服务便民热线",
    "12333": "12333人社服务热线",
}
ERROR_LEVEL = "q"
CAPTION = "用手机扫一扫，把办事电话存到手机里"


@dataclass(frozen=True)
class Contact:
    name: str  # what the phone's contact list shows
    phones: tuple[str, ...]  # the first is the one to call
    address: str
    note: str
    local: bool  # True: from the local information staff filled in


def hotline_for(card: Card) -> str:
    """The first national hotline the card lists (12333 on 人社's cards), else 12345."""
    listed = [phone.number for phone in card.phones if phone.number in HOTLINES]
    return listed[0] if listed else "12345"


def card_contact(card: Card, local_info: LocalInfo | None,
                 script: Script = "simplified") -> Contact:  # fmt: skip
    """The contact for `card` in `script`: the local office when filled in, else the hotline."""

    def c(text: str) -> str:
        return convert(text, script) if script != "simplified" else text

    hotline = hotline_for(card)
    office = local_info.office_for(card.id) if local_info is not None else None
    if office is not None and office.phone:
        name = c(office.office) if office.office else c(
            strings.text("card.qr.office_name", title=card.title))
        more = "".join(f"{text}。" for text in (office.hours, office.note) if text)
        note = c(strings.text("card.qr.office_note", title=card.title, more=more,
                              hotline=hotline))
        return Contact(name, (office.phone, hotline), c(office.address), note, True)
    where = strings.text("card.qr.where", office=office.office) if office is not None else ""
    note = c(strings.text("card.qr.hotline_note", where=where, title=card.title))
    return Contact(c(HOTLINES[hotline]), (hotline,), "", note, False)


def _escape(text: str) -> str:
    # vCard 3.0 (RFC 2426) text values: backslash, comma and semicolon are escaped
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def vcard_text(contact: Contact) -> str:
    """The vCard 3.0 text (CRLF lines, UTF-8 when encoded)."""
    return helpers.make_vcard_data(
        name=_escape(contact.name),  # segno leaves N as given: it is a structured field
        displayname=contact.name,
        phone=list(contact.phones),
        street=contact.address or None,
        memo=contact.note or None,
    )


def contact_qr(contact: Contact) -> segno.QRCode:
    return segno.make_qr(vcard_text(contact), error=ERROR_LEVEL, boost_error=False,
                         encoding="utf-8", eci=True)  # fmt: skip


QUIET_ZONE = 4  # modules of white around the code, as the standard asks


@dataclass(frozen=True)
class ContactCode:
    contact: Contact
    png: bytes  # black on white, `scale` pixels per module, quiet zone included
    modules: int  # modules across, quiet zone included
    designator: str  # version and error level, e.g. "13-Q"


def card_code(card: Card, local_info: LocalInfo | None, script: Script = "simplified",
              scale: int = 8) -> ContactCode:  # fmt: skip
    """The card's contact QR code as a PNG picture."""
    return contact_code(card_contact(card, local_info, script), scale)


# Making a code (mask evaluation above all) takes a card page's opening and every 简/繁
# switch from ~0.15 to ~0.4 s. The contact holds everything the code depends on (card,
# script and the local office staff filled in), so a changed office is a new key.
@functools.lru_cache(maxsize=64)
def contact_code(contact: Contact, scale: int = 8) -> ContactCode:
    qr = contact_qr(contact)
    out = io.BytesIO()
    qr.save(out, kind="png", scale=scale, border=QUIET_ZONE)
    modules = int(qr.symbol_size(scale=1, border=QUIET_ZONE)[0])
    return ContactCode(contact, out.getvalue(), modules, qr.designator)
