"""Word files (.docx) → text lines, with the lines Word marks as headings.

A .docx is a zip of XML parts; the article is the main document part. Read directly
with zipfile and lxml rather than python-docx: we need only paragraph text and
heading styles, python-docx loads every part (images included) into memory, and
reading the part ourselves lets us cap how much a hostile zip may unpack.

Headings are found by style, the way Word itself decides: a paragraph style whose
name is "Title", "heading N" or "标题 N" (Chinese Word keeps the English built-in names
in styles.xml but gives the styles ids like "1", "2"), or an outline level 0-3 set on
the style, a style it is based on, or the paragraph itself.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

from reader.core import strings
from reader.core.decode import REPLACED
from reader.core.errors import ArticleFileError
from reader.core.formats_docx_parts import Numbering, table_lines
from reader.core.limits import MAX_DOCX_ELEMENTS, MAX_DOCX_PARAGRAPHS, too_long

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
MAX_PART_BYTES = 64 * 1024 * 1024  # unpacked XML; a 20 MB file of pure text is far less
_HEADING_NAME = re.compile(r"^(?:heading|标题|標題)\s*([1-9])$|^(?:title|标题|標題)$", re.I)
# What a template leaves in: prompts of empty fields and mail-merge fields («姓名»).
_TEMPLATE_TEXT = re.compile(
    r"单击或点击此处输入文字。?|单击此处输入文字。?|点击此处输入文字。?|"
    r"Click or tap here to enter text\.?|Click here to enter text\.?|«[^»\n]{1,30}»"
)
# What a damaged, truncated, encrypted or exotic zip raises on the way in.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    ValueError,
    EOFError,
    zlib.error,
    NotImplementedError,  # a compression method zipfile lacks
    RuntimeError,  # "File is encrypted, password required"
)
_PARAGRAPH = f"{{{_W}}}p"
_SAFE_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
)


def w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


@dataclass
class DocxText:
    lines: list[str] = field(default_factory=list)
    headings: set[int] = field(default_factory=set)  # 1-based line numbers


def looks_like_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist() or _main_part(archive) is not None
    except (*_ZIP_ERRORS, KeyError, etree.XMLSyntaxError):
        return False


def docx_text(data: bytes, name: str) -> DocxText:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            main = _main_part(archive) or "word/document.xml"
            document = _read_xml(archive, main, name)
            if document is None:
                raise ArticleFileError(strings.text("import.not_word", name=name))
            styles = _read_xml(archive, "word/styles.xml", name)
            numbering = Numbering.read(_read_xml(archive, "word/numbering.xml", name))
    except _ZIP_ERRORS as exc:
        raise ArticleFileError(strings.text("import.not_word", name=name), str(exc)) from exc
    levels = _style_levels(styles)
    result = DocxText()
    body = document.find(w("body"))
    tables_done: set[etree._Element] = set()
    for paragraph in (body if body is not None else document).iter(w("p")):
        if _in_fallback(paragraph) or _placeholder(paragraph):
            continue  # a legacy copy of a text box, or a template's empty field
        table = _outermost(paragraph, w("tbl"))
        if table is not None:
            if table not in tables_done:
                tables_done.add(table)
                for line in table_lines(_table_rows(table)):
                    _add(result, line, None)
            continue
        label = numbering.label(paragraph)
        _add(result, label + _paragraph_text(paragraph), _paragraph_level(paragraph, levels))
    return result


def _add(result: DocxText, text: str, level: int | None) -> None:
    for part in _TEMPLATE_TEXT.sub("", text).split("\n"):
        line = part.strip()
        if line:
            result.lines.append(line)
            if level is not None:
                result.headings.add(len(result.lines))


def _outermost(element: etree._Element, tag: str) -> etree._Element | None:
    found = None
    for ancestor in element.iterancestors(tag):
        found = ancestor
    return found


def _nearest(element: etree._Element, tag: str) -> etree._Element | None:
    return next(element.iterancestors(tag), None)


def _table_rows(table: etree._Element) -> list[list[str]]:
    """The cells' text of a table's own rows; a table inside a cell reads with it."""
    rows = []
    for row in table.iter(w("tr")):
        if _nearest(row, w("tbl")) is not table:
            continue
        cells = []
        for cell in row.iter(w("tc")):
            if _nearest(cell, w("tr")) is not row:
                continue
            words = [
                _paragraph_text(p).replace("\n", " ").strip()
                for p in cell.iter(w("p"))
                if not _in_fallback(p) and not _placeholder(p)
            ]
            cells.append(_TEMPLATE_TEXT.sub("", " ".join(word for word in words if word)))
        rows.append(cells)
    return rows


def _placeholder(paragraph: etree._Element) -> bool:
    """A content control still showing its prompt ("单击或点击此处输入文字。")."""
    for ancestor in paragraph.iterancestors(w("sdt")):
        properties = ancestor.find(w("sdtPr"))
        if properties is not None and properties.find(w("showingPlcHdr")) is not None:
            return True
    return False


def _main_part(archive: zipfile.ZipFile) -> str | None:
    """The document part named in the package relationships (Word: word/document.xml)."""
    try:
        rels = etree.fromstring(archive.read("_rels/.rels"), _SAFE_XML)
    except (KeyError, etree.XMLSyntaxError):
        return None
    for rel in rels.iter(f"{{{_REL}}}Relationship"):
        if rel.get("Type") == _OFFICE_DOCUMENT:
            target = (rel.get("Target") or "").lstrip("/")
            return target if target in archive.namelist() else None
    return None


def _read_xml(archive: zipfile.ZipFile, part: str, name: str) -> etree._Element | None:
    try:
        info = archive.getinfo(part)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise ArticleFileError(strings.text("import.word_part_too_big", name=name))
    with archive.open(info) as handle:
        data = handle.read(MAX_PART_BYTES + 1)  # the size in the zip may lie
    if len(data) > MAX_PART_BYTES:
        raise ArticleFileError(strings.text("import.word_part_too_big", name=name))
    return _parse_within_limit(data, part, name)


def _parse_within_limit(data: bytes, part: str, name: str) -> etree._Element:
    """Parse an XML part, refusing it as soon as it holds more elements than the limit
    (a million empty paragraphs zip to 123 KB and would take a gigabyte as a tree).
    A part with broken XML is read again the forgiving way, as Word offers to recover
    a damaged file: the staff see in the preview what came out."""
    try:
        return _parse(data, part, name, recover=False)
    except etree.XMLSyntaxError as exc:
        # Broken bytes are made valid first: recovered elements would hold them as is.
        mended = data.decode("utf-8", "replace").encode("utf-8")
        try:
            root = _parse(mended, part, name, recover=True)
        except etree.XMLSyntaxError:
            root = None
        if root is None:
            raise ArticleFileError(strings.text("import.word_part_broken", name=name),
                                   str(exc)) from exc
        return root


def _parse(data: bytes, part: str, name: str, *, recover: bool) -> etree._Element:
    events = etree.iterparse(
        io.BytesIO(data), events=("start",), resolve_entities=False, no_network=True,
        load_dtd=False, remove_comments=True, recover=recover,
    )
    count = paragraphs = 0
    for _event, element in events:
        count += 1
        if count > MAX_DOCX_ELEMENTS:
            raise too_long(name, "content", f"{part}: over {MAX_DOCX_ELEMENTS} XML elements")
        if element.tag == _PARAGRAPH:
            paragraphs += 1
            if paragraphs > MAX_DOCX_PARAGRAPHS:
                raise too_long(name, "paragraphs", f"over {MAX_DOCX_PARAGRAPHS} paragraphs")
    return events.root


def _style_levels(styles: etree._Element | None) -> dict[str, int]:
    """Paragraph style id → heading level (0 = title), following "based on" chains."""
    if styles is None:
        return {}
    own: dict[str, int | None] = {}
    based_on: dict[str, str] = {}
    type_attr, id_attr, val = w("type"), w("styleId"), w("val")
    name_tag, based_on_tag, ppr_tag = w("name"), w("basedOn"), w("pPr")
    for style in styles.iterchildren(w("style")):
        if style.get(type_attr) not in (None, "paragraph"):
            continue
        style_id = style.get(id_attr) or ""
        level = None
        for child in style.iterchildren(name_tag, based_on_tag, ppr_tag):
            if child.tag == name_tag:
                level = _level_from_name(child.get(val) or "") if level is None else level
            elif child.tag == ppr_tag:
                level = _outline_level(child) if level is None else level
            elif child.get(val):
                based_on[style_id] = str(child.get(val))
        own[style_id] = level
    return _resolve_levels(own, based_on)


def _resolve_levels(own: dict[str, int | None], based_on: dict[str, str]) -> dict[str, int]:
    """Each style's level: its own, or the nearest one up its "based on" chain. Every
    style is resolved once, so a chain 50,000 styles long costs 50,000 steps, not
    their square; a loop in the chain ends it without a level."""
    resolved: dict[str, int | None] = {}
    for style_id in own:
        chain: list[str] = []
        on_chain: set[str] = set()
        current: str | None = style_id
        level: int | None = None
        while current is not None and current not in resolved and current not in on_chain:
            chain.append(current)
            on_chain.add(current)
            level = own.get(current)
            if level is not None:
                break
            current = based_on.get(current)
        else:
            level = resolved.get(current) if current is not None else None
        for member in chain:  # only the last can have a level of its own: it is `level`
            resolved[member] = level
    return {style_id: level for style_id, level in resolved.items() if level is not None}


def _level_from_name(name: str) -> int | None:
    match = _HEADING_NAME.match(name.strip())
    if not match:
        return None
    return int(match.group(1)) if match.group(1) else 0


def _outline_level(ppr: etree._Element | None) -> int | None:
    if ppr is None:
        return None
    outline = ppr.find(w("outlineLvl"))
    if outline is None:
        return None
    try:
        level = int(outline.get(w("val")) or "9") + 1
    except ValueError:
        return None
    return level if level <= 4 else None  # Word's level 9 means "body text"


def _paragraph_level(paragraph: etree._Element, levels: dict[str, int]) -> int | None:
    ppr = paragraph.find(w("pPr"))
    own = _outline_level(ppr)
    if own is not None:
        return own
    style = ppr.find(w("pStyle")) if ppr is not None else None
    level = levels.get(str(style.get(w("val")))) if style is not None else None
    return level if level is not None and level <= 4 else None


def _paragraph_text(paragraph: etree._Element) -> str:
    """This paragraph's own text (not that of text boxes nested in it), without
    deleted revisions or field instructions."""
    pieces: list[str] = []
    walker = etree.iterwalk(paragraph, events=("start",))
    for _event, element in walker:
        if element is not paragraph and element.tag == w("p"):
            walker.skip_subtree()  # read on its own turn
            continue
        tag = element.tag
        if tag == w("t"):
            pieces.append(_text_of(element))
        elif tag == w("tab"):
            pieces.append(" ")
        elif tag in (w("br"), w("cr")):
            pieces.append("\n")
        elif tag == w("noBreakHyphen"):
            pieces.append("-")
        elif tag in (w("delText"), w("instrText"), f"{{{_MC}}}Fallback"):
            walker.skip_subtree()
    return "".join(pieces)


def _text_of(element: etree._Element) -> str:
    try:
        return element.text or ""
    except UnicodeDecodeError:  # a recovered part can hold a reference to a surrogate
        return REPLACED


def _in_fallback(element: etree._Element) -> bool:
    return any(a.tag == f"{{{_MC}}}Fallback" for a in element.iterancestors())
