"""Building packs and applying them on a PC: versions, retirements, what staff made
on this PC, card conflicts, the 新 mark, USB import, and the status staff see."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import pytest

from reader.core.cards import load_cards
from reader.core.content_store import ContentStore
from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.core.pack_format import read_pack
from reader.core.pack_pull import import_pack_file, pull
from reader.paths import local_cards_dir, local_info_file
from reader.resources import asset_path
from tests.conftest import SEEDS
from tests.support.pack_samples import ARTICLE_TEXT, first_pack, publisher, store


def test_build_writes_a_signed_pack_and_a_feed(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    result = first_pack(pub)
    assert result.version == 1 and result.path.name == "pack-000001.zip"
    pack = read_pack(result.path, pub.key.public_key())
    assert list(pack.manifest.articles.values()) == ["织牢民生底线 温暖千家万户"]
    assert pack.manifest.cards == ("dibao",)
    names = {name for name, _ in pack.files()}
    article_id = next(iter(pack.manifest.articles))
    assert {f"articles/{article_id}/article.json", f"articles/{article_id}/source.txt",
            "cards/dibao.toml"} == names
    feed = json.loads((pub.folder / "feed.json").read_text())
    assert [p["version"] for p in feed["packs"]] == [1]
    assert feed["packs"][0]["size"] == result.path.stat().st_size


def test_versions_only_go_up_and_packs_are_whole(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    first_pack(pub)
    second = pub.build(articles=[pub.article("meal.txt")], note="第二周")
    assert second.version == 2
    assert len(second.manifest.articles) == 2 and second.manifest.cards == ("dibao",)
    (pub.folder / "feed.json").unlink()  # a lost feed does not restart the numbering
    assert pub.build(note="第三周").version == 3
    feed = json.loads((pub.folder / "feed.json").read_text())
    assert [p["version"] for p in feed["packs"]] == [3]


def test_build_refuses_unknown_retirements_and_broken_cards(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    first_pack(pub)
    with pytest.raises(ReaderError, match="没有编号为 nosuch"):
        pub.build(retire=["nosuch"])
    broken = pub.work / "broken"
    broken.mkdir()
    (broken / "x.toml").write_text('id = "x"\ntitle = "没写完', encoding="utf-8")
    with pytest.raises(ReaderError, match=r"x\.toml"):
        pub.build(cards=broken)
    with pytest.raises(ReaderError, match="第 1 行"):
        bad = pub.work / "p.txt"
        bad.write_text("银行 yin hang\n", encoding="utf-8")
        pub.build(pronunciations=bad)
    assert sorted(p.name for p in pub.folder.glob("*.zip")) == ["pack-000001.zip"]


def test_build_refuses_a_folder_signed_with_another_key(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    first_pack(pub)
    intruder = publisher(tmp_path)  # same folder, new key
    with pytest.raises(ReaderError, match="同一把私钥"):
        intruder.build(note="x")


def test_pull_applies_then_says_up_to_date(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    first_pack(pub)
    result = pull(store(), pub.subscription())
    assert (result.outcome, result.version) == ("applied", 1)
    assert "第 1 版" in result.message and "第一周" in result.message
    assert pull(store(), pub.subscription()).outcome == "unchanged"
    library = Library()
    published = [i for i in library.items() if i.published]
    assert [i.article.title for i in published] == ["织牢民生底线 温暖千家万户"]
    status = store().status()
    assert status["last_pack"]["version"] == 1 and status["last_pack"]["note"] == "第一周"
    assert status["last_check"]["outcome"] == "unchanged"


def test_retired_articles_disappear_and_staff_work_is_never_touched(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    first = first_pack(pub)
    library = Library()
    staff_article = library.add(pub.article("staff.txt", ARTICLE_TEXT.replace("下周一", "十二月")))
    local_info_file().parent.mkdir(parents=True, exist_ok=True)
    local_info_file().write_text('[centre]\nname = "幸福社区"\n', encoding="utf-8")
    info_before = local_info_file().read_bytes()
    library_index = (library.path / "index.json").read_bytes()

    pull(store(), pub.subscription())
    retired_id = next(iter(first.manifest.articles))
    meal = pub.build(articles=[pub.article("meal.txt")], retire=[retired_id])
    assert pull(store(), pub.subscription()).version == 2

    library = Library()
    ids = {i.article.id for i in library.items(include_hidden=True)}
    assert retired_id not in ids
    assert set(meal.manifest.articles) <= ids
    assert staff_article.id in ids
    assert local_info_file().read_bytes() == info_before
    assert (library.path / "index.json").read_bytes() == library_index
    assert [p.name for p in store().root.glob("v*")] == ["v000002"]  # the old one removed


def test_staff_can_hide_a_published_article_but_not_delete_it(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    first = first_pack(pub)
    pull(store(), pub.subscription())
    article_id = next(iter(first.manifest.articles))
    library = Library()
    library.hide(article_id)
    assert article_id not in {a.id for a in Library().articles()}
    with pytest.raises(ReaderError, match="来自内容包"):
        library.delete(article_id)


def test_new_articles_are_marked_new_for_a_week(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    first = first_pack(pub)
    pull(store(), pub.subscription())
    assert store().new_article_ids() == set()  # the first pack: everything would be new
    second = pub.build(articles=[pub.article("meal.txt")])
    pull(store(), pub.subscription())
    new = set(second.manifest.articles) - set(first.manifest.articles)
    assert store().new_article_ids() == new
    assert store().new_article_ids(now=time.time() + 8 * 86400) == set()
    pub.build(note="third")  # the same articles again: still new, from when they came
    pull(store(), pub.subscription())
    assert store().new_article_ids() == new


def test_published_cards_replace_shipped_ones_and_staff_cards_win(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    pub.build(articles=[SEEDS[0]], cards=pub.cards("dibao", "linshi", change="【新】"))
    pull(store(), pub.subscription())
    assert load_cards().get("dibao").what.startswith("【新】")  # type: ignore[union-attr]

    local_cards_dir().mkdir(parents=True)
    mine = (asset_path("cards") / "dibao.toml").read_text(encoding="utf-8").replace(
        'what = "', 'what = "【本社区】', 1)
    (local_cards_dir() / "dibao.toml").write_text(mine, encoding="utf-8")
    cards = load_cards()
    assert cards.get("dibao").what.startswith("【本社区】")  # type: ignore[union-attr]
    assert cards.get("linshi").what.startswith("【新】")  # type: ignore[union-attr]
    assert len(cards) == len(load_cards(asset_path("cards")))

    conflicts = store().conflicts(local_cards_dir())
    assert [c.card_id for c in conflicts] == ["dibao"]
    assert "【新】" in conflicts[0].published.read_text(encoding="utf-8")
    assert "【本社区】" in conflicts[0].local.read_text(encoding="utf-8")
    pub.build(cards=pub.cards("dibao", change="【第三版】"))
    pull(store(), pub.subscription())
    assert (local_cards_dir() / "dibao.toml").read_text(encoding="utf-8") == mine  # untouched
    store().keep_local_card(store().conflicts(local_cards_dir())[0])
    assert store().conflicts(local_cards_dir()) == []
    pub.build(cards=pub.cards("dibao", change="【第四版】"))
    pull(store(), pub.subscription())
    assert [c.card_id for c in store().conflicts(local_cards_dir())] == ["dibao"]


def test_a_pack_from_a_usb_stick(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    pub.build(articles=[SEEDS[0]])
    second = pub.build(articles=[pub.article("meal.txt")])
    usb = tmp_path / "usb"
    usb.mkdir()
    stick_copy = usb / second.path.name
    stick_copy.write_bytes(second.path.read_bytes())
    result = import_pack_file(store(), pub.subscription(source=""), stick_copy)
    assert (result.outcome, result.version) == ("applied", 2)
    older = usb / "pack-000001.zip"
    older.write_bytes((pub.folder / "pack-000001.zip").read_bytes())
    result = import_pack_file(store(), pub.subscription(source=""), older)
    assert (result.outcome, result.message) == ("refused", "内容包比现在的旧，没有使用。")
    assert store().version() == 2
    assert store().status()["last_check"]["message"] == "内容包比现在的旧，没有使用。"


def test_without_key_or_source_nothing_happens_and_it_says_why(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    first_pack(pub)
    no_key = pub.subscription()
    result = pull(store(), type(no_key)(no_key.source, ""))
    assert result.message == "还没有设置发布方的公钥，不能使用内容包。"
    assert pull(store(), type(no_key)("", no_key.public_key)).message == "还没有设置内容包的来源。"
    assert ContentStore(store().root).installed() is None


def test_the_status_staff_see(tmp_path: Path) -> None:
    from reader.core.pack_status import pack_status

    pub = publisher(tmp_path)
    subscription = pub.subscription()
    empty = pack_status(store(), subscription, tmp_path / "no-cards")
    assert empty.installed == "这台电脑还没有用过内容包。" and empty.last_check == ""
    assert empty.fingerprint == pub.key.public_key().fingerprint()
    first_pack(pub)
    pull(store(), subscription)
    done = pack_status(store(), subscription, tmp_path / "no-cards")
    assert done.installed.startswith("正在用：第 1 版") and "第一周" in done.installed
    assert done.last_check.endswith("已经用上第 1 版内容包：第一周") and done.refusal == ""
    (pub.folder / "pack-000002.zip").write_bytes(b"not a pack")
    feed = json.loads((pub.folder / "feed.json").read_text())
    feed["packs"].insert(0, {**feed["packs"][0], "version": 2, "file": "pack-000002.zip",
                             "size": 10, "sha256": hashlib.sha256(b"not a pack").hexdigest()})
    (pub.folder / "feed.json").write_text(json.dumps(feed, ensure_ascii=False))
    pull(store(), subscription)
    refused = pack_status(store(), subscription, tmp_path / "no-cards")
    assert refused.refusal == "内容包不完整或者坏了，没有使用。"
    assert refused.installed.startswith("正在用：第 1 版")
    no_key = pack_status(store(), type(subscription)(subscription.source, "RWQ"))
    assert "不是一个公钥" in no_key.fingerprint


def test_background_checks_are_spread_out() -> None:
    import random

    from reader.core.pack_schedule import CHECK_EVERY_S, FIRST_CHECK_WITHIN_S, next_check_delay

    rng = random.Random(4)
    firsts = [next_check_delay(True, rng) for _ in range(200)]
    later = [next_check_delay(False, rng) for _ in range(200)]
    assert all(5 <= d <= FIRST_CHECK_WITHIN_S for d in firsts) and len(set(firsts)) == 200
    assert all(abs(d - CHECK_EVERY_S) <= 15 * 60 for d in later)
    assert max(later) - min(later) > 10 * 60


def test_an_article_staff_already_imported_is_shown_once_as_theirs(tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    meal = pub.article("meal.txt")
    mine = Library().add(meal)
    pub.build(articles=[meal])
    pull(store(), pub.subscription())
    titles = [i.article.title for i in Library().items()]
    assert titles.count("社区食堂开始为老人送餐") == 1
    assert [i.article.id for i in Library().items() if i.published] == []
    Library().delete(mine.id)  # staff remove theirs: the district's copy shows
    assert [i.article.title for i in Library().items() if i.published] == ["社区食堂开始为老人送餐"]


def test_two_versions_of_a_card_are_compared_section_by_section(tmp_path: Path) -> None:
    from reader.core.card_text import changed_parts
    from reader.core.cards import parse_card_file

    pub = publisher(tmp_path)
    shipped = parse_card_file(asset_path("cards") / "dibao.toml")[0]
    changed = parse_card_file(pub.cards("dibao", change="区里：") / "dibao.toml")[0]
    parts = changed_parts(shipped, changed)
    assert [p[0] for p in parts] == ["这是什么"]
    assert parts[0][2] == "区里：" + parts[0][1]
    assert changed_parts(shipped, shipped) == []


def test_build_refuses_a_pack_too_big_for_the_pcs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.core import pack_format

    pub = publisher(tmp_path)
    size = first_pack(pub).path.stat().st_size
    monkeypatch.setattr(pack_format, "MAX_PACK_BYTES", size + 100)
    with pytest.raises(ReaderError, match="撤下一些旧文章"):
        pub.build(articles=[pub.article("meal.txt")])
    assert sorted(p.name for p in pub.folder.glob("*.zip")) == ["pack-000001.zip"]


def test_a_packs_pronunciations_reach_the_voice_and_staff_still_win(tmp_path: Path) -> None:
    from reader.core import pronunciation_list
    from reader.core.pronounce import pinyin_text

    # Readings unlike pypinyin's (pypinyin keeps a word it was taught for the whole
    # process, so these words are used by no other test): which list won is heard.
    assert pinyin_text("黄陂") == "huang2 pi2" and pinyin_text("筠连") == "yun2 lian2"
    pub = publisher(tmp_path)
    words = pub.work / "p.txt"
    words.write_text("黄陂 huang2 po1\n筠连 jun1 lian2\n", encoding="utf-8")
    pub.build(articles=[SEEDS[0]], pronunciations=words, note="读音")
    pull(store(), pub.subscription())
    assert store().pronunciations_file() is not None
    assert pinyin_text("黄陂") == "huang2 po1"  # the district's list reaches the voice
    staff = pronunciation_list.staff_file()
    staff.parent.mkdir(parents=True, exist_ok=True)
    staff.write_text("筠连 yun2 lian2\n", encoding="utf-8")
    assert pinyin_text("筠连") == "yun2 lian2"  # staff on this PC win over the pack
    assert pinyin_text("黄陂") == "huang2 po1"
