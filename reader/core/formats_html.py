"""Saved web pages (.html/.htm, and the page inside an .mhtml) → numbered text lines,
with the lines that are page chrome marked as dropped.

The article is told apart from the page chrome (navigation, ads, share buttons,
related-article lists, footers) by readability-lxml. Why that library, measured on 66
real Chinese pages (tests/benchmarks/bench_import_corpus.py): alone it keeps 99.4 % of
the real text and leaves 14 % of the junk lines; trafilatura 2.3 alone keeps 97.5 % and
leaves 19.5 %, and would add babel, dateparser, regex, pytz, tld and URL-fetching code
(about 50 MB in a bundle). Neither finds Chinese headlines well (56 %, 67 %), so the
headline is the line the page's <title> agrees with (`_with_title`), and the junk is
removed by its form afterwards (reader.core.clean): 98 % titles, 0.2 % junk, 100 % text.
justext counts words by spaces and has no Chinese stoplist.

Every element is numbered before readability sees the tree, so we can say for every
visible line of the page whether readability kept it (its own `xpath=True` computes a
path per element: minutes on a page of 100,000 siblings). Dropped lines are reported
(staff can restore one in the import preview); kept lines still go through the normal
cleaning, which removes 责任编辑/分享到/扫一扫/版权所有 lines inside the article.

Safety: the page is only parsed into a tree and read as text. lxml's HTML parser
loads nothing from the network or the disk, readability's cleaner removes scripts,
styles and frames before anything looks at the tree, and no link, image or other
resource address is ever used: only text comes out.
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass, field
from html import unescape

import lxml.html
from lxml import etree
from readability import Document

from reader.core import strings
from reader.core.clean import find_date, noise_reason
from reader.core.errors import ArticleFileError
from reader.core.limits import MAX_HTML_DEPTH, MAX_HTML_ELEMENTS, too_long

# readability logs a traceback when it gives up on a page; we handle that (the whole
# page goes to cleaning instead), so the traceback would only alarm whoever reads logs.
logging.getLogger("readability").setLevel(logging.CRITICAL)

DROPPED_REASON = "网页上正文以外的部分（导航、广告、相关文章等）"

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html "
    "legend li main menu nav ol p pre section summary table tbody tfoot thead tr ul".split()
)
# Never text for a reader: code, embedded things, form controls, images.
_SKIP_TAGS = frozenset(
    "script style noscript template head title iframe frame object embed applet svg math "
    "canvas select option textarea button input img video audio map area link meta".split()
)
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4"})
_WRAPPER_TAGS = frozenset(
    "div span font section article main center b i u em strong a small big ul ol dl "
    "blockquote nav aside header footer form label h1 h2 h3 h4 h5 h6".split()
)
_CELL_TAGS = frozenset({"td", "th"})
_HTML_WHITESPACE = re.compile(r"[ \t\r\n\f]+")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
# Page titles read "标题_栏目_网站" or "标题 - 网站"; a hyphen between digits is a date.
_TITLE_SEPARATORS = re.compile(r"\s*(?:[_|｜@]|::|-{2,}|(?<!\d)-(?!\d)|\s[–—]\s)\s*")
_HIDDEN_UNTIL_SCRIPT = re.compile(r"visibility\s*:\s*hidden", re.I)
# readability's whitespace clean-up backtracks over long runs of blanks (5,000 newlines
# took it seconds); a run this long shows as one line break anyway.
_LONG_SPACE = re.compile(r"\s{200,}")
_BR_RUN = re.compile(r"(?:<br\s*/?>\s*){3,}", re.I)  # more breaks than a blank line say nothing
_EMBED_TAG = re.compile(r"<embed\b[^>]*>|</embed\s*>", re.I)
_START_TAG = re.compile(r"<[a-zA-Z]")
# Never shown, and lxml refuses to put them back into a tree it has built.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_PARSER = lxml.html.HTMLParser(encoding="utf-8")  # the parser readability itself uses
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)


@dataclass(frozen=True)
class PageLine:
    text: str
    heading: bool = False
    owners: frozenset[str] = frozenset()  # page paths of the elements whose text is here


@dataclass
class PageText:
    """A page as numbered lines (line N is lines[N-1]) and which of them are article."""

    lines: list[str] = field(default_factory=list)
    kept: set[int] = field(default_factory=set)
    headings: set[int] = field(default_factory=set)
    date: str | None = None
    title_line: int | None = None  # the headline the page's <title> agrees with


# ---- page → lines -----------------------------------------------------------------


def page_text(html: str, name: str) -> PageText:
    """Number the page's visible lines and mark which belong to the article."""
    # Pages that reveal their text by script (WeChat articles saved as "HTML only")
    # ship it as visibility:hidden, which readability drops as invisible. Such text is
    # the article far more often than a trap, so it is treated as shown.
    html = _HIDDEN_UNTIL_SCRIPT.sub("visibility:visible", html)
    html = _LONG_SPACE.sub("\n", _CONTROL.sub("", html))
    html = _without_void_embeds(_BR_RUN.sub("<br><br>", html))
    tree = _parse_page(html, name)
    document = Document(tree)
    try:
        with warnings.catch_warnings():  # readability 0.9 truth-tests an element here
            warnings.simplefilter("ignore", FutureWarning)
            body = lxml.html.fromstring(document.content())
    except (etree.ParserError, ValueError) as exc:
        raise ArticleFileError(strings.text("import.no_page_text", name=name), str(exc)) from exc
    lines = page_lines(body)
    if not lines:
        raise ArticleFileError(strings.text("import.no_page_text", name=name))
    kept_paths = _article_paths(document)
    kept = [kept_paths is None or bool(line.owners & kept_paths) for line in lines]
    if not any(kept):  # readability found nothing it trusts: let cleaning do the work
        kept = [True] * len(lines)
    lines, kept, title_index = _with_title(lines, kept, _page_title(html))
    if title_index is not None:
        kept = _with_lead(lines, kept, title_index)
    result = PageText(lines=[line.text for line in lines])
    result.title_line = None if title_index is None else title_index + 1
    for no, (line, is_kept) in enumerate(zip(lines, kept, strict=True), start=1):
        if is_kept:
            result.kept.add(no)
        if line.heading:
            result.headings.add(no)
    result.date = _date_before_article(result)
    return result


def _without_void_embeds(html: str) -> str:
    """<embed> has no end tag, but libxml2 parses it as a container and nests the rest
    of the page inside it; and as an embedded thing it is never read. Old government
    pages put a player this way above the article, which then vanished with it."""
    return _EMBED_TAG.sub("", html)


def _parse_page(html: str, name: str) -> lxml.html.HtmlElement:
    """Parse the page once, within the element limit, and number every element (the
    attribute x) so that the article readability picks can be found among the page's
    lines. Numbering here is one pass; readability's own `xpath=True` computes a path
    per element, which takes minutes on a page of 100,000 siblings."""
    start_tags = len(_START_TAG.findall(html))
    if start_tags > 2 * MAX_HTML_ELEMENTS:  # refuse before building a huge tree
        raise too_long(name, "elements", f"{start_tags} tags, limit {MAX_HTML_ELEMENTS}")
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise ArticleFileError(strings.text("import.no_page_text", name=name), str(exc)) from exc
    if sum(1 for _ in tree.iter()) > MAX_HTML_ELEMENTS:
        raise too_long(name, "elements", f"over {MAX_HTML_ELEMENTS} elements")
    _flatten_deep_wrappers(tree)
    for count, element in enumerate(tree.iter(), start=1):
        if isinstance(element.tag, str):
            element.set("x", str(count))
    return tree


def _flatten_deep_wrappers(tree: lxml.html.HtmlElement) -> None:
    """Unwrap wrapper elements (div, span, font…) nested deeper than MAX_HTML_DEPTH,
    keeping their text and children. readability scores every ancestor of every
    paragraph with the text of all it holds: 300 unclosed <div>s made a 40 KB page
    take half a minute. Real pages nest 10–40 deep; paragraphs, headings, list items
    and cells keep their lines, only wrappers go."""
    deep: list[lxml.html.HtmlElement] = []
    depth = 0
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        if event == "end":
            depth -= 1
            continue
        depth += 1
        if depth > MAX_HTML_DEPTH and element.tag in _WRAPPER_TAGS:
            deep.append(element)
    for element in reversed(deep):  # innermost first: each moves its content up one
        element.drop_tag()


def _article_paths(document: Document) -> frozenset[str] | None:
    """Numbers of every element readability kept, or None if it gave up."""
    try:
        summary = document.summary(html_partial=True)
        tree = lxml.html.fromstring(summary)
    except (etree.ParserError, ValueError):  # readability's Unparseable is a ValueError
        return None
    return frozenset(str(el.get("x")) for el in tree.iter() if el.get("x"))


def page_lines(root: lxml.html.HtmlElement) -> list[PageLine]:
    """Visible text of a tree as lines: one per block element, <br> or <pre> line.
    Walked without recursion: saved pages can nest thousands deep."""
    lines: list[PageLine] = []
    pieces: list[str] = []
    owners: set[str] = set()
    heading_depth = 0
    pre_depth = 0

    def flush() -> None:
        text = _normalise_line("".join(pieces))
        if text:
            lines.append(PageLine(text, heading_depth > 0, frozenset(owners)))
        pieces.clear()
        owners.clear()

    def add(text: str | None, owner: str | None) -> None:
        if not text:
            return
        if pre_depth:  # preformatted: its own newlines are line breaks
            first, *rest = text.split("\n")
            pieces.append(first)
            for part in rest:
                owners.add(owner or "")
                flush()
                pieces.append(part)
        else:
            pieces.append(text)
        if text.strip():
            owners.add(owner or "")

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        skipped = not tag or tag in _SKIP_TAGS  # comments and processing instructions too
        if event == "start":
            if skipped:
                walker.skip_subtree()
                continue
            if tag in _BLOCK_TAGS or tag == "br":
                flush()
            if tag in _HEADING_TAGS:
                heading_depth += 1
            if tag == "pre":
                pre_depth += 1
            if tag in _CELL_TAGS and pieces:
                pieces.append(" ")
            add(element.text, element.get("x"))
            continue
        if not skipped:
            if tag in _BLOCK_TAGS:
                flush()
            if tag in _HEADING_TAGS:
                heading_depth -= 1
            if tag == "pre":
                pre_depth -= 1
        parent = element.getparent()
        if parent is not None:
            add(element.tail, parent.get("x"))
    flush()
    return lines


def _normalise_line(text: str) -> str:
    text = text.replace("\xa0", " ")

    def space(match: re.Match[str]) -> str:
        # A line break in the page source between two Chinese characters is not a
        # space on screen; between Latin words it is.
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if "\n" in match.group() and _CJK.match(before or " ") and _CJK.match(after or " "):
            return ""
        return " "

    return _HTML_WHITESPACE.sub(space, text).strip(" ")


def _with_title(
    lines: list[PageLine], kept: list[bool], page_title: str
) -> tuple[list[PageLine], list[bool], int | None]:
    """Make sure the article's headline is the first kept line. readability keeps the
    body and usually drops the <h1> above it. The headline is the line near the top of
    the article that the page's <title> agrees with: the longest line whose text is part
    of the title ("标题_栏目_网站", "网站 - 标题", "标题 @ 博客 :: 网站 ::"), never one
    that is only the title's first or last part when that is not its longest (the site's
    name in a logo, a section label); or a heading holding the whole headline after a
    label ("原创" + title). With no line to agree with, the title's longest part itself,
    when it is long enough to be a headline and not the site's name."""
    wanted = _squash(page_title)
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(page_title.strip()) if p.strip()]
    headline = max(parts, key=len, default="")
    ends = {_squash(p) for p in (parts[0], parts[-1]) if p != headline} if parts else set()

    def agreeing(i: int) -> int:
        text = _squash(lines[i].text)
        if len(text) < (4 if lines[i].heading else 6) or text in ends:
            return 0
        if text in wanted:
            return len(text)
        long_enough = len(headline) >= 8 and lines[i].heading
        return len(headline) if long_enough and _squash(headline) in text else 0

    first = kept.index(True)
    near = range(0, min(len(lines), first + 8))  # before the article or at its top
    scores = {i: agreeing(i) for i in near}
    choice = max(scores, key=lambda i: (scores[i], -abs(i - first)), default=None)
    if choice is None or not scores[choice]:
        site = parts[-1] if len(parts) > 1 else ""
        if 8 <= len(headline) <= 60 and headline != site:  # no headline shown: the title's
            return [PageLine(headline, True), *lines], [True, *kept], 0
        return lines, kept, None
    labelled = _squash(lines[choice].text) not in wanted  # "原创" + the headline
    lines, kept = list(lines), list(kept)
    text = headline if labelled else lines[choice].text
    lines[choice] = PageLine(text, True, lines[choice].owners)
    kept[choice] = True
    for j in range(first, choice):  # labels above the headline: a channel, a crumb
        if kept[j] and len(lines[j].text) <= 40 and "。" not in lines[j].text:
            kept[j] = False
    return lines, kept, choice


def _with_lead(lines: list[PageLine], kept: list[bool], title: int) -> list[bool]:
    """Keep the lead between the headline and the body that readability left out (a
    summary in its own box): prose of some length that cleaning would not remove."""
    body = next((i for i in range(title + 1, len(lines)) if kept[i]), len(lines))
    kept = list(kept)
    for i in range(title + 1, body):
        text = lines[i].text
        if len(text) >= 30 and "。" in text and noise_reason(text) is None:
            kept[i] = True
    return kept


def _page_title(html: str) -> str:
    """The <title> text. A pattern is enough here and saves readability a whole
    second parse of the page (title() parses and cleans it again)."""
    match = _TITLE_TAG.search(html[:200_000])
    return _normalise_line(unescape(match.group(1))) if match else ""


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _date_before_article(page: PageText) -> str | None:
    """The publication date from a line readability left out between the headline and
    the article text: a 来源/发布时间 line, or a short meta line ("街道 公众号
    2025-04-02 18:30"). Lines further down name other articles' dates."""
    body = [no for no in page.kept if no not in page.headings]
    title = min(page.kept & page.headings, default=0)
    for no in range(1, min(body, default=1)):
        if no in page.kept:
            continue
        text = page.lines[no - 1]
        reason = noise_reason(text)
        furniture = bool(reason and reason.startswith("网页上的编辑"))
        meta_line = no > title > 0 and len(text) <= 60 and "。" not in text
        date = find_date(text) if furniture or meta_line else None
        if date:
            return date
    return None
