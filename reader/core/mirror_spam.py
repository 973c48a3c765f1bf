"""What spam mirrors insert into copied articles to slip past filters: a character's
pinyin in brackets after it (为切实（shí）解决区（qū）域内（nèi）…) and doubled
punctuation (，， ，、). Read aloud, both are nonsense.

Telling spam from a teaching text: a reader who is taught a reading is shown it for
a hard character (龃龉（jǔ yǔ）). Spam puts it after everyday characters (切, 区, 内),
many times in one article. So a bracketed syllable is removed only after a character
of the 3,500 everyday ones (level 1 of 通用规范汉字表), and only when an article has
at least three of them; readings of rare characters always stay.
"""

from __future__ import annotations

import re

from reader.core.decode import everyday_characters
from reader.core.script import convert

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
# One syllable of pinyin, tone marks or a tone number, in full- or half-width brackets.
_INSERTED = re.compile(
    rf"(?P<han>[\u4e00-\u9fff])[（(]\s*(?P<syllable>[a-z{_TONED}]{{1,6}}[1-5]?)\s*[）)]",
    re.IGNORECASE,
)
_DOUBLED = re.compile(r"([，、；：])[，、；：]+|，(?=。)")
MIN_INSERTIONS = 3


def remove_inserted_pinyin(lines: list[str]) -> list[str]:
    """The lines of one article without spam pinyin, if it has enough to be spam."""
    everyday = everyday_characters()
    count = sum(
        1 for line in lines for m in _INSERTED.finditer(line) if _spam(m, everyday)
    )
    if count < MIN_INSERTIONS:
        return lines

    def drop(match: re.Match[str]) -> str:
        return match.group("han") if _spam(match, everyday) else match.group()

    return [_INSERTED.sub(drop, line) for line in lines]


def collapse_doubled_punctuation(text: str) -> str:
    """，， → ，  ，、 → ，  ，。 → 。 (an ellipsis …… and ！！ are left alone)."""
    return _DOUBLED.sub(lambda m: m.group(1) or "", text)


def _spam(match: re.Match[str], everyday: frozenset[str]) -> bool:
    syllable = match.group("syllable")
    if not any(ch in _TONED for ch in syllable.lower()) and not syllable[-1].isdigit():
        # toneless letters: only a syllable Chinese has, not an English word like (app)
        if syllable.lower() not in _TONELESS_SYLLABLES:
            return False
    return convert(match.group("han"), "simplified") in everyday


_TONELESS_SYLLABLES = frozenset(
    "a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai "
    "can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chuai "
    "chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei "
    "den deng di dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan "
    "fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai "
    "guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan "
    "huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai "
    "kan kang kao ke ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang "
    "lao le lei leng li lia lian liang liao lie lin ling liu long lou lu luan lun luo lv lve "
    "ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan "
    "nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nuo nv "
    "nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia "
    "qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong "
    "rou ru ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she "
    "shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan "
    "sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun "
    "tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu "
    "xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang "
    "zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu "
    "zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo".split()
)
