"""Arabic numbers in simplified Chinese text, rewritten the way a listener expects.

`cn2an` reads a plain integer well (5700 → 五千七百); everything that depends on
context is decided here, in one left-to-right regex pass (linear time):
- years before 年 digit by digit (2025年 → 二零二五年);
- hotline and phone numbers digit by digit with 1 as 幺 (12345热线, 拨打120,
  0354-1234567, any number of five or more digits with no unit after it);
- decimals, percent, times, ratios, fractions, ranges and dates;
- 2 as 两 before a measure word (2个 → 两个) and at the head of 千/万/亿.
"""

from __future__ import annotations

import re

import cn2an

_DIGIT = dict(zip("0123456789", "零一二三四五六七八九", strict=True))
_PHONE_DIGIT = {**_DIGIT, "1": "幺"}

# Words that make the next (or previous) bare number a number to dial.
_DIAL_BEFORE = (
    "热线", "电话", "拨打", "拨", "打", "号码", "急救", "求助", "咨询", "致电", "呼叫",
    "报警", "举报", "投诉", "手机", "传真", "邮编", "编码", "编号", "账号", "卡号",
)  # fmt: skip
_DIAL_AFTER = (
    "热线", "电话", "急救", "求助", "咨询", "报警", "救护车", "急救车", "号码", "举报",
    "投诉", "火警", "匪警", "便民", "服务热线", "政务服务",
)  # fmt: skip
# Gaps allowed between a context word and its number: `电话：12345`, `拨打“120”`.
_SKIPPABLE = " \t:：是为即“”\"「」'"
# A measure word or unit right after a number makes it a quantity, never a code.
_UNITS = frozenset(
    "万亿千百十个人名位元块角分岁年月日号天周时次家所项条件种类支批场座户间栋辆台张"
    "本份套只头斤克吨米里亩公平立升度倍余多来几例起宗篇部届期级层楼床枚颗株棵片处"
    "班组队团村乡镇县市省章节课门道题秒点毫厘兆寸尺匹艘架列趟轮代折成强路册卷集页"
    "行首句字载旬季世刻瓶杯碗盒包袋箱桶罐粒滴根把双对副幅封笔晚夜尾遍下回声针拳枪"
)
# Where 2 is said 两: before these measure words (两个人, 两点, 两万).
_LIANG_UNITS = frozenset(
    "个名人家所项次天位种条件只台辆张本座户支批场间栋处类份岁周倍套对双门节堂米斤吨元块亩层轮部篇点万千亿年"
)
_RATIO_BEFORE = ("比例为", "比例是", "比例", "比为", "比是", "之比为", "之比是", "比分", "比值")
_DURATION_BEFORE = ("近", "约", "逾", "上", "数", "超过", "长达", "历经", "历时", "过去", "经过")

_ROMAN = {chr(0x2160 + i): str(i + 1) for i in range(12)} | {
    chr(0x2170 + i): str(i + 1) for i in range(12)
}
_CIRCLED: dict[str, str] = {}
for _base in (0x2460, 0x2474, 0x2488):  # ①…⑳, ⑴…⒇, ⒈…⒛
    for _i in range(20):
        _CIRCLED[chr(_base + _i)] = str(_i + 1)
for _i in range(10):  # ㈠…㈩
    _CIRCLED[chr(0x3220 + _i)] = str(_i + 1)

_NUM = r"[0-9]+(?:[.．][0-9]+)?"
_TIME = r"[0-9]{1,2}[:：][0-9]{2}(?:[:：][0-9]{2})?"
_PATTERN = re.compile(
    rf"""
    (?P<circled>[{"".join(_CIRCLED)}])
    |(?P<roman>[{"".join(_ROMAN)}])
    |(?P<below>(?<![0-9A-Za-z])[-－−](?=[0-9][0-9.]*\s?(?:℃|°)))
    |(?P<minus>(?:^|(?<=[\s（(：:，,为是约]))[-－−](?=[0-9]))
    |(?P<date>[0-9]{{4}}(?P<sep>[-/.．])[0-9]{{1,2}}(?P=sep)[0-9]{{1,2}}(?![0-9]))
    |(?P<timerange>{_TIME}[ ]?[-－—–~～至到][ ]?{_TIME}(?![0-9]))
    |(?P<time>{_TIME}(?![0-9]))
    |(?P<ratio>[0-9]+[:：][0-9]+(?![0-9]))
    |(?P<times>{_NUM}[ ]?×[ ]?{_NUM})
    |(?P<dotted>[0-9]+(?:[.．][0-9]+){{2,}})
    |(?P<fraction>[0-9]+/[0-9]+(?![0-9]))
    |(?P<chain>{_NUM}[%‰]?(?:[ ]?(?:[-－—–~～至到])[ ]?{_NUM}[%‰]?)+)
    |(?P<number>(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+(?![0-9])|[0-9]+)(?:[.．][0-9]+)?)(?P<pct>[%‰])?
    """,
    re.VERBOSE,
)
# The named alternatives of _PATTERN, in the order they are tried.
_FORMS = (
    "circled", "roman", "below", "minus", "date", "timerange", "time", "ratio", "times",
    "dotted", "fraction",
    "chain", "number",
)  # fmt: skip
_PART = re.compile(rf"({_NUM})([%‰]?)")
_CONNECTOR = re.compile(r"[ ]?([-－—–~～至到])[ ]?")


def digits(number: str, *, phone: bool = True) -> str:
    """Digit by digit: 12345 → 幺二三四五 (phone) or 2025 → 二零二五 (year)."""
    table = _PHONE_DIGIT if phone else _DIGIT
    return "".join(table.get(ch, ch) for ch in number)


def _integer(number: str) -> str:
    """A whole number as a quantity (cn2an), with 两 at the head of 千/万/亿."""
    number = number.replace(",", "").lstrip("0") or "0"
    if len(number) > 16:  # beyond what cn2an reads; no one says such a number
        return digits(number, phone=False)
    spoken = str(cn2an.an2cn(number))
    # 2400 → 两千四百, 12000 → 一万两千; 二十, 二百 and 十二万 keep 二.
    return re.sub(r"(^|[万亿零])二(?=[千万亿])", r"\1两", spoken)


def quantity(number: str) -> str:
    """2.8 → 二点八, 15.94 → 十五点九四, 1,000 → 一千."""
    number = number.replace("．", ".")
    whole, _, fraction = number.partition(".")
    spoken = _integer(whole)
    if fraction:
        spoken += "点" + digits(fraction, phone=False)
    return spoken


def _with_liang(number: str, text: str, end: int, start: int) -> str:
    """2 before a measure word is 两 (两个, 两万), except ordinals (第2个) and 2年级."""
    spoken = quantity(number)
    after = text[end : end + 2]
    if (
        spoken == "二"
        and after[:1] in _LIANG_UNITS
        and not after.startswith("年级")
        and (start == 0 or text[start - 1] != "第")
    ):
        return "两"
    return spoken


def _before_word(text: str, start: int, words: tuple[str, ...]) -> bool:
    """Does one of `words` end right before `start` (skipping a colon, quote or 是)?"""
    i = start
    while i > 0 and start - i < 3 and text[i - 1] in _SKIPPABLE:
        i -= 1
    window = text[max(0, i - 6) : i]
    return any(window.endswith(w) for w in words)


def _after_word(text: str, end: int, words: tuple[str, ...]) -> bool:
    i = end
    while i < len(text) and i - end < 2 and text[i] in _SKIPPABLE:
        i += 1
    return any(text.startswith(w, i) for w in words)


def _unit_follows(text: str, end: int) -> bool:
    after = text[end : end + 1]
    return after in _UNITS or (after.isascii() and after.isalpha())


def _school_years(numbers: list[str]) -> bool:
    """2025-2026 (学年, 赛季, 年度) is a span of years even without 年 after it."""
    if not all(len(p) == 4 for p in numbers):
        return False
    years = [int(p) for p in numbers]
    return all(1900 <= y <= 2199 for y in years) and 0 < years[-1] - years[0] <= 10


class NumberReader:
    """One pass over one text. It remembers the last number read digit by digit, so
    in `拨打110、120` the second number is dialled too."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._last_dialled_end: int | None = None

    def read(self) -> str:
        return _PATTERN.sub(self._replace, self.text)

    # -- deciding how one bare integer is read --------------------------------------

    def _is_dialled(self, number: str, start: int, end: int) -> bool:
        text = self.text
        if len(number) >= 2 and number.startswith("0"):
            return True  # quantities never start with 0: area codes, 010
        unit = _unit_follows(text, end)
        if len(number) > 16 or (len(number) >= 5 and not unit):
            return True
        if _after_word(text, end, _DIAL_AFTER):
            return True
        if unit:
            return False
        if _before_word(text, start, _DIAL_BEFORE):
            return True
        if self._last_dialled_end is None:
            return False
        return text[self._last_dialled_end : start] in ("、", "或", "和", "及", "，", "/", " ")

    def _is_year(self, number: str, start: int, end: int) -> bool:
        if len(number) != 4 or not self.text.startswith("年", end):
            return False
        if not 1000 <= int(number) <= 2199:
            return False  # 5000年 is five thousand years
        return not _before_word(self.text, start, _DURATION_BEFORE)

    def _bare(self, number: str, start: int, end: int) -> str:
        if self._is_dialled(number, start, end):
            self._last_dialled_end = end
            return digits(number)
        if self._is_year(number, start, end):
            return digits(number, phone=False)
        return _with_liang(number, self.text, end, start)

    # -- the forms ------------------------------------------------------------------

    def _replace(self, m: re.Match[str]) -> str:
        kind = next(name for name in _FORMS if m.group(name) is not None)
        start, end, found = m.start(), m.end(), m.group(0)
        if kind == "circled":
            after = self.text[end : end + 1]
            spoken = _integer(_CIRCLED[found])
            # ① reads as 一、 (a list mark), unless a mark already follows.
            return spoken if after == "" or after in "、.．，,：: " else spoken + "、"
        if kind == "roman":
            return _integer(_ROMAN[found])
        if kind == "below":
            return "零下"
        if kind == "minus":
            return "负"
        if kind == "date":
            return self._date(found)
        if kind == "timerange":  # 9:00-11:30 → 九点到十一点三十分
            first, _, second = re.split(r"[ ]?([-－—–~～至到])[ ]?", found)
            return self._time(first) + "到" + self._time(second)
        if kind == "time":
            if _before_word(self.text, start, _RATIO_BEFORE):  # 比例为1:10 is a ratio
                left, right = re.split("[:：]", found)[:2]
                return quantity(left) + "比" + quantity(right)
            return self._time(found)
        if kind == "ratio":
            left, right = re.split("[:：]", found)
            return quantity(left) + "比" + quantity(right)
        if kind == "times":  # 7×24小时: espeak says nothing for ×
            left, right = (part.strip() for part in found.split("×"))
            return quantity(left) + "乘" + quantity(right)
        if kind == "dotted":
            return "点".join(quantity(p) for p in re.split("[.．]", found))
        if kind == "fraction":
            top, bottom = found.split("/")
            return quantity(bottom) + "分之" + quantity(top)
        if kind == "chain":
            return self._chain(found, start, end)
        number, pct = m.group("number"), m.group("pct")
        if pct:
            return ("百分之" if pct == "%" else "千分之") + quantity(number)
        if "." in number or "．" in number or "," in number:
            return quantity(number)
        return self._bare(number, start, end)

    def _date(self, found: str) -> str:
        year, month, day = re.split("[-/.．]", found)
        if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
            return f"{digits(year, phone=False)}年{_integer(month)}月{_integer(day)}日"
        return " ".join(digits(p) for p in re.split("[-/.．]", found))

    def _time(self, found: str) -> str:
        parts = [int(p) for p in re.split("[:：]", found)]
        if parts[0] > 24 or any(p > 59 for p in parts[1:]):
            return "比".join(_integer(str(p)) for p in parts)
        hour = "两" if parts[0] == 2 else _integer(str(parts[0]))
        spoken = hour + "点"
        for value, unit in zip(parts[1:], "分秒", strict=False):
            if value:
                spoken += ("零" if value < 10 else "") + _integer(str(value)) + unit
        return spoken

    def _chain(self, found: str, start: int, end: int) -> str:
        """Ranges (3-5天 → 三到五天, 2021-2025年) and hyphenated phone numbers."""
        parts = _PART.findall(found)
        connectors = _CONNECTOR.findall(found)
        numbers = [p for p, _ in parts]
        hyphens_only = all(c in "-－" for c in connectors)
        plain = all(not pct and p.isdigit() for p, pct in parts)
        code_like = any(len(p) >= 5 or (len(p) > 1 and p[0] == "0") for p in numbers)
        if hyphens_only and plain and (len(parts) >= 3 or code_like):
            self._last_dialled_end = end
            return " ".join(digits(p) for p in numbers)
        last = numbers[-1]
        words = [c if c in "至到" else "到" for c in connectors]
        percent = next((pct for _, pct in reversed(parts) if pct), "")
        if plain and self._is_dialled(last, end - len(last), end):
            self._last_dialled_end = end
            spoken = [digits(p) for p in numbers]
        elif percent:  # 3-5% → 百分之三到百分之五
            prefix = "百分之" if percent == "%" else "千分之"
            spoken = [prefix + quantity(p) for p in numbers]
        elif plain and (self._is_year(last, end - len(last), end) or _school_years(numbers)):
            spoken = [digits(p, phone=False) if len(p) == 4 else quantity(p) for p in numbers]
        else:
            spoken = [_with_liang(p, self.text, end, start) for p in numbers]
        out = spoken[0]
        for word, part in zip(words, spoken[1:], strict=True):
            out += word + part
        return out


def read_numbers(text: str) -> str:
    """Every number in `text` rewritten in Chinese words."""
    return NumberReader(text).read()
