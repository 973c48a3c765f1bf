"""Bytes of a saved page → its text: the page inside an .mht, the charset it declares or
the one it really uses, and telling a page from other files by its first bytes."""

from __future__ import annotations

import codecs
import email
import email.policy
import itertools
import re
import unicodedata
from email.message import Message

from reader.core import strings
from reader.core.decode import decode_bytes
from reader.core.errors import ArticleFileError
from reader.core.limits import MAX_MIME_PARTS, too_long

_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
_MULTIPART = re.compile(rb"content-type\s*:\s*multipart/", re.I)
_GBK_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}
_BIG5_FAMILY = {"big5", "big5hkscs", "cp950", "big5-hkscs", "x-x-big5"}
_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


# ---- bytes → text -----------------------------------------------------------------


def decode_html(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """Decode page bytes: a BOM first, then the charset the MIME part or the page's
    <meta> declares, then the same sniffing as text files (pages often lie)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _readable(data.decode(encoding), name), encoding.replace("-sig", "")
            except UnicodeDecodeError:
                break
    meta = _META_CHARSET.search(data[:16384])
    for label in (declared, meta.group(1).decode("ascii", "ignore") if meta else None):
        for encoding in _candidates(label):
            try:
                return _readable(data.decode(encoding), name), encoding
            except (UnicodeDecodeError, LookupError):
                continue
    return decode_bytes(data, name)


def _candidates(label: str | None) -> list[str]:
    if not label:
        return []
    label = label.strip().lower()
    if label in _GBK_FAMILY:
        return ["gb18030"]  # the superset: pages labelled gb2312 use GBK characters
    if label in _BIG5_FAMILY:
        return ["big5hkscs", "cp950"]  # big5hkscs also holds the cp950 (ETEN) additions
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return []
    # A page that says UTF-16/32 without a BOM is nearly always ASCII-compatible bytes.
    return [] if name.startswith(("utf-16", "utf-32")) else [name]


def _readable(text: str, name: str) -> str:
    bad = sum(
        1
        for ch in text
        if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\r\t\f")
    )
    if bad > max(2, len(text) // 200):
        raise ArticleFileError(
            strings.text("import.page_undecodable", name=name), f"{bad} unreadable characters"
        )
    return text


def html_from_mhtml(data: bytes, name: str) -> tuple[bytes, str | None]:
    """The page inside a saved-as-single-file page (.mhtml/.mht): the first text/html
    part, transfer encoding (quoted-printable, base64) undone. Images are ignored.
    A browser writes one level of parts; the email parser recurses per level, so parts
    nested hundreds deep are refused before it runs out of stack."""
    nested = len(_MULTIPART.findall(data))
    if nested > MAX_MIME_PARTS:
        raise too_long(name, "parts", f"{nested} multipart headers, limit {MAX_MIME_PARTS}")
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        parts = list(itertools.islice(message.walk(), MAX_MIME_PARTS + 1))
    except RecursionError as exc:
        raise too_long(name, "parts", "nested too deep") from exc
    if len(parts) > MAX_MIME_PARTS:
        raise too_long(name, "parts", f"over {MAX_MIME_PARTS} parts")
    for part in parts:
        if part.get_content_type() == "text/html":
            payload = _payload(part)
            if payload.strip():
                return payload, part.get_content_charset()
    raise ArticleFileError(strings.text("import.no_page_inside", name=name))


def _payload(part: Message) -> bytes:
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


# ---- sniffing -----------------------------------------------------------------------

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|h[1-6]|link|script|style)[\s>/]",
    re.I | re.S,
)
_MIME_HEADER = re.compile(rb"^(?:mime-version\s*:|content-type\s*:\s*multipart/)", re.I | re.M)


def looks_like_html(data: bytes) -> bool:
    head = data[:4096]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            head = head.decode(encoding, "ignore").encode("ascii", "ignore")
            break
    return bool(_HTML_START.match(head))


def looks_like_mhtml(data: bytes) -> bool:
    """MIME headers before the first blank line (what browsers and IE write)."""
    header = re.split(rb"\r?\n\r?\n", data[:8192], maxsplit=1)[0]
    return bool(_MIME_HEADER.search(header)) and b"multipart/related" in data[:8192].lower()
