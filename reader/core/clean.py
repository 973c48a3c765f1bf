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
_LIST_MARKER = re.compile(r"^[-*]\s+")  # Markdown's; a real bullet (• ●) is kept
_INNER_SPACE = re.compile(r"[ \t\u00a0\u2002-\u200a\u202f\u205f]+")
_REPEATED = re.compile(r"([\u4e00-\u9fff])\1\1")
_CHAIN_SEPARATORS = re.compile(r"\s*(?:[_|｜]|(?<!\d)-|-(?!\d))\s*")  # not a date's 2025-12-28
_CRUMB_SEPARATORS = re.compile(r"\s*[>›»→＞]\s*")
_LOCATION_LABEL = re.compile(
    r"^(?:(?:当前位置|您的位置|你的位置|你现在的位置|所在位置|当前页面)\s*[:：]?"
    r"|[您你]?(?:现在|当前|目前)?(?:所在)?的?位置\s*[:：])"  # 您现在的位置：… (colon needed)
)
_HOME_CRUMB = re.compile(r"^(首页|主页|网站首页)\s*[>›»→＞]")  # "首页 > 新闻": one step
# Labels count only as labels ("来源：…", "责任编辑 张三"); a paragraph may start "来源于…".
_FURNITURE_LABEL = re.compile(
    r"^(责任编辑|实习编辑|值班编辑|编辑|责编|主编|编审|终审|初审|复审|审核|审校|校对|监制|出品|"
    r"作者|采写|撰稿|供稿|摄影|美编|制图|来源|本文来源|文章来源|稿件来源|信息来源|图片来源|"
    r"发布时间|发布日期|浏览次数|点击数|阅读量|阅读次数|字体|字号)"
    r"\s*([:：/／︱|｜]|\s|$)"
)
_FURNITURE_ACTION = re.compile(
    r"^(分享到|分享至|转播到|扫一扫|微信扫一扫|扫描二维码|长按二维码|长按识别|打印本页|打印此页|"
    r"列印此页|列印本页|关闭窗口|返回顶部|返回首页|上一篇|下一篇|版权所有|copyright|©|"
    r"免责声明|郑重声明|版权声明|特别声明|声明[:：]|我要跟帖|发表评论|查看评论|已输入\d+字|"
    r"评论[（(]\d+[）)]|相关资讯请关注|点击(?:看|查看)?(?:清晰)?大图|[（(]点击看清晰大图[）)])",
    re.IGNORECASE,
)
# Headers of "more to read" lists and ads: a line that is only one of these.
_LIST_HEADER = re.compile(
    r"^[【\[]?\s*(推荐阅读|相关阅读|相关新闻|相关文章|相关链接|相关报道|延伸阅读|延伸\s*[·・]\s*推荐|"
    r"精彩推荐|精彩视频推荐|热门推荐|热点推荐|猜你喜欢|今日推荐|编辑推荐|相关推荐|更多精彩|"
    r"文章图片|图片|广告|"
    r"热门文章|最新文章|点击排行|热点排行)\s*[】\]]?\s*[:：]?$"
)
_AD = re.compile(
    r"^(广告|推广)(\s|$)|点击咨询|立即咨询|当天放款|低息贷款|免费领取|点击下载|扫码下载"
)
# "图2 2019-2023年全市-各区人口变化", "表1-1 …": a figure's or table's title, not spam
_FIGURE_OR_TABLE = re.compile(r"^[图表]\s*\d")
# "第03版：要闻　当前版", "简体版 英文版 寄给朋友": a paper's page line, a language switch
_EDITION = re.compile(r"第\s*\d+\s*版|当前版|简体版|繁体版|英文版|English|寄给朋友|大字版|手机版")
_CLICK_PROMPT = re.compile(r"【点击[^】]{0,8}】|[>》]{2}\s*点击|点击(?:投票|报名|购买|抢购)")
_REPRINT = re.compile(
    r"(未经(?:授权|许可|允许)|不得转载|禁止转载|转载请注明|转载请联系|仅代表.{0,10}观点|"
    r"不代表.{0,12}(?:观点|立场)|更多原创资讯请下载)"
)
# "本文来自…", "关键词 >> …", "此前报道：…": where a text came from, its tags, a link on
_SOURCE_NOTE = re.compile(
    r"^[（(]?(本文(?:来自|为|系|转自|由)|关键词\s*(?:>>|[:：])|此前报道[:：]|相关报道[:：]|"
    r"资料来源[:：]|综合整理自)"
)
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|bmp|webp)$", re.I)
_ONLY_SYMBOLS = re.compile(r"^[\W_]+$")  # ********, ————, ====: no letter or digit at all
_APP_PROMOTION = re.compile(r"^\S{0,12}(APP|客户端|公众号|微信号)$", re.I)
# A bar of labels: "2017-01-23 08:12:05　来源：…　责任编辑：…　分享到：…"
_BAR_LABEL = re.compile(
    r"(来源|作者|编辑|责任编辑|分享到|浏览|阅读|字号|发布时间|时间|摄影|供稿|校对)\s*[:：/／]"
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
FURNITURE_REASON = "网页上的编辑、分享或版权信息"
LIST_REASON = "网页上的推荐、相关文章列表"
AD_REASON = "网页上的广告或图片文件名"
SEPARATOR_REASON = "分隔线"
CUT_SUMMARY_REASON = "截断的摘要（下面的正文有全文）"


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
    if not has_prose and not _FIGURE_OR_TABLE.match(simple):
        segments = [s for s in _CHAIN_SEPARATORS.split(simple) if s]
        if len(segments) >= 3 and all(len(s) <= 24 for s in segments):
            return "网站广告或垃圾标题"
        if _REPEATED.search(simple) and len(simple) > 6:
            return "网站广告或垃圾标题"
    if _DATE_LINE.match(simple):
        return DATE_LINE_REASON
    return _furniture_reason(simple)


def _furniture_reason(simple: str) -> str | None:
    bare = simple.lstrip("【[（( ")
    short = len(simple) <= 80 and "。" not in simple[:-1]  # a closing 。 is allowed
    if short and (_FURNITURE_LABEL.match(bare) or _FURNITURE_ACTION.match(bare)):
        return FURNITURE_REASON
    if len(simple) <= 100 and len(_BAR_LABEL.findall(simple)) >= 2:
        return FURNITURE_REASON
    if len(simple) <= 150 and _REPRINT.search(simple) and (
        _FURNITURE_ACTION.match(bare) or simple.startswith(("【", "[", "（", "(", "本文"))
    ):
        return FURNITURE_REASON
    if len(simple) <= 100 and _SOURCE_NOTE.match(simple):
        return FURNITURE_REASON
    if len(simple) <= 60 and "。" not in simple and (
        len(_EDITION.findall(simple)) >= 2 or _EDITION.match(simple)
    ):
        return FURNITURE_REASON
    if _LIST_HEADER.match(simple):
        return LIST_REASON
    if len(simple) <= 40 and (_AD.search(simple) or _APP_PROMOTION.match(simple)):
        return AD_REASON
    if len(simple) <= 120 and _CLICK_PROMPT.search(simple):  # "…火热进行中！【点击投票】"
        return AD_REASON
    if len(simple) <= 60 and (_IMAGE_FILE.search(simple) or _ONLY_SYMBOLS.match(simple)):
        return AD_REASON if _IMAGE_FILE.search(simple) else SEPARATOR_REASON
    return None


def _cut_summary_of(text: str, following: list[Line]) -> bool:
    """A summary cut off with "…" right before the paragraph it was cut from: read out,
    the lead would be said twice."""
    if not text.endswith(("…", "...", "。。。")):
        return False
    start = text.rstrip("….。 ")
    return len(start) >= 10 and any(line.text.startswith(start) for line in following)


def _list_item(text: str) -> bool:
    """A line of a "more to read" list: a short headline, not a sentence of the text."""
    return len(text) <= 40 and not any(mark in text for mark in "。！？!?")


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
    in_list = False  # after a "推荐阅读" header: its links, until prose comes back
    lines = split_lines(text)
    for index, line in enumerate(lines):
        if line.no not in keep and _cut_summary_of(line.text, lines[index + 1:index + 3]):
            removed.append(RemovedLine(line.no, line.text, CUT_SUMMARY_REASON))
            continue
        reason = None if line.no in keep else noise_reason(line.text)
        if reason is None and in_list and line.no not in keep and _list_item(line.text):
            reason = LIST_REASON
        in_list = reason == LIST_REASON
        if reason is None:
            kept.append(line)
            continue
        removed.append(RemovedLine(line.no, line.text, reason))
        if date is None and (reason.startswith("网页上的编辑") or reason == DATE_LINE_REASON):
            date = find_date(line.text)
    return kept, removed, date
