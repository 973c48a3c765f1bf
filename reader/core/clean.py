"""Split text into lines and drop site noise, keeping a record of every dropped line.

Noise is recognised by its form, not by known strings, because staff will bring
articles from sites we have never seen:
- SEO spam titles: chains of keywords joined by "-", "_" or "|", or runs of one
  character repeated (久久久…), with no sentence punctuation.
- Breadcrumbs: "当前位置：首页 > 新闻 > …" (a location label, or "›", ">" chains).
- Page furniture: editor lines, share/scan prompts, copyright, print/close links,
  font-size switches, previous/next links, hit counters, source/time lines.
Matching is done on the simplified form, so 繁體 pages are cleaned by the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from reader.core.article import RemovedLine
from reader.core.script import convert

# Sentence punctuation: a line with any of these is prose, not a label or a chain.
PROSE_MARKS = set("，。！？；：、,;!?")
_WHITESPACE = " \t\u00a0\u3000\u200b\ufeff"
_LIST_MARKER = re.compile(r"^[-*•·]\s+")
_INNER_SPACE = re.compile(r"[ \t\u00a0\u2002-\u200a\u202f\u205f]+")
_REPEATED = re.compile(r"([\u4e00-\u9fff])\1\1")
_CHAIN_SEPARATORS = re.compile(r"\s*[-_|｜]\s*")
_CRUMB_SEPARATORS = re.compile(r"\s*[>›»→＞]\s*")
_LOCATION_LABEL = re.compile(
    r"^(?:(?:当前位置|您的位置|你的位置|你现在的位置|所在位置|当前页面)\s*[:：]?"
    r"|[您你]?(?:现在|当前|目前)?(?:所在)?的?位置\s*[:：])"  # 您现在的位置：… (colon needed)
)
_HOME_CRUMB = re.compile(r"^(首页|主页|网站首页)\s*[>›»→＞]")  # "首页 > 新闻": one step
# Labels count only as labels ("来源：…", "责任编辑 张三"); a paragraph may start "来源于…".
_FURNITURE_LABEL = re.compile(
    r"^(责任编辑|编辑|责编|审核|校对|来源|发布时间|发布日期|浏览次数|点击数|阅读量|阅读次数|"
    r"字体|字号)\s*([:：]|\s|$)"
)
_FURNITURE_ACTION = re.compile(
    r"^(分享到|扫一扫|扫描二维码|打印本页|关闭窗口|返回顶部|上一篇|下一篇|版权所有|copyright|©)",
    re.IGNORECASE,
)
_DATE = re.compile(r"(20\d\d|19\d\d)[-年/.](\d{1,2})[-月/.](\d{1,2})")
# A line that is only a publication date (and time, weekday, source): "2025年03月10日",
# "2025-03-10 10:21 来源：晋中日报"
_DATE_LINE = re.compile(
    r"^(?:20\d\d|19\d\d)[-年/.]\d{1,2}[-月/.]\d{1,2}日?"
    r"(?:\s*(?:星期|周)[一二三四五六日天])?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
    r"(?:\s*(?:来源|作者|编辑)\s*[:：]?\s*[^，。！？；]{0,30})?$"
)
DATE_LINE_REASON = "网页上的发布日期"


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line number in the decoded source
    text: str


def split_lines(text: str) -> list[Line]:
    """Non-blank lines, stripped of indentation and Markdown list markers."""
    lines = []
    for no, raw in enumerate(text.split("\n"), start=1):
        # Web pages separate names with no-break spaces; show them as plain spaces.
        stripped = _INNER_SPACE.sub(" ", _LIST_MARKER.sub("", raw.strip(_WHITESPACE)))
        if stripped:
            lines.append(Line(no, stripped))
    return lines


def noise_reason(text: str) -> str | None:
    """Why a line is site noise (plain Chinese), or None if it is content."""
    simple = convert(text, "simplified")
    has_prose = any(ch in PROSE_MARKS for ch in simple) and not _LOCATION_LABEL.match(simple)
    if _LOCATION_LABEL.match(simple) or (
        not has_prose
        and (len(_CRUMB_SEPARATORS.findall(simple)) >= 2 or _HOME_CRUMB.match(simple))
    ):
        return "网页上的位置导航"
    if not has_prose:
        segments = [s for s in _CHAIN_SEPARATORS.split(simple) if s]
        if len(segments) >= 3 and all(len(s) <= 24 for s in segments):
            return "网站广告或垃圾标题"
        if _REPEATED.search(simple) and len(simple) > 6:
            return "网站广告或垃圾标题"
    if _DATE_LINE.match(simple):
        return DATE_LINE_REASON
    bare = simple.lstrip("【[ ")
    if (
        len(simple) <= 80
        and "。" not in simple
        and (_FURNITURE_LABEL.match(bare) or _FURNITURE_ACTION.match(bare))
    ):
        return "网页上的编辑、分享或版权信息"
    return None


def find_date(text: str) -> str | None:
    match = _DATE.search(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def clean(
    text: str, keep: Collection[int] = ()
) -> tuple[list[Line], list[RemovedLine], str | None]:
    """Lines of content, the removed noise lines, and a publication date if a
    removed source/time line stated one. Lines numbered in `keep` are content
    whatever their form (staff restored them in the import preview)."""
    kept: list[Line] = []
    removed: list[RemovedLine] = []
    date = None
    for line in split_lines(text):
        reason = None if line.no in keep else noise_reason(line.text)
        if reason is None:
            kept.append(line)
            continue
        removed.append(RemovedLine(line.no, line.text, reason))
        if date is None and (reason.startswith("网页上的编辑") or reason == DATE_LINE_REASON):
            date = find_date(line.text)
    return kept, removed, date
