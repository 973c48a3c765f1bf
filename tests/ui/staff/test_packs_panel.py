"""内容订阅 in the staff area, and the window's background check, with real packs from a
real folder and a real web server: set up, check, a refusal said plainly, a pack from
a USB stick, a card with two versions, the 新 mark, a check that never blocks the UI."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from reader.core.article import Article
from reader.core.articles_source import load_articles
from reader.core.pack_source import Timeouts
from reader.core.subscription import load_subscription
from reader.paths import library_dir, local_cards_dir
from reader.resources import asset_path
from reader.ui.content_packs.feature import ContentPacks
from reader.ui.shell.main_window import MainWindow
from reader.ui.staff.packs_panel import PacksPanel
from reader.ui.staff.staff_page import StaffPage
from tests.conftest import SEEDS
from tests.support.community_helpers import click, make_program, unlock
from tests.support.pack_samples import Publisher, first_pack, publisher
from tests.support.pack_servers import faulty_server
from tests.support.window_helpers import settle


def _window(qtbot: QtBot, delay: float = 3600.0) -> tuple[MainWindow, StaffPage, PacksPanel]:
    program = make_program(qtbot)
    window, community = program.window, program.community
    # as the composition root does after the first picture, with a known delay
    program.content_packs = ContentPacks(window, program.cards, delay=lambda first: delay)
    staff = unlock(qtbot, window, community)
    staff.show_section("packs")
    panel = staff.panel("packs")
    assert isinstance(panel, PacksPanel)
    return window, staff, panel


def _subscribe(qtbot: QtBot, window: MainWindow, panel: PacksPanel, pub: Publisher,
               source: str | Path) -> None:
    panel.source.setText(str(source))
    panel.key_field.setText(pub.key.public_key().to_text().splitlines()[1])
    click(qtbot, window, panel.save_button)


def _wait(qtbot: QtBot, panel: PacksPanel) -> None:
    packs = panel.checks()
    assert packs is not None
    qtbot.waitUntil(lambda: not packs.busy, timeout=30000)
    settle()


def test_subscribe_check_and_see_what_came(qtbot: QtBot, tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    first_pack(pub)
    window, staff, panel = _window(qtbot)
    assert panel.fingerprint.text() == "还没有填公钥。"
    assert panel.key_field.accessibleName() == "发布单位的公钥（以 RW 开头的一行）："
    panel.key_field.setText("RWQnot-a-key")
    assert "不是一个公钥" in panel.fingerprint.text()
    click(qtbot, window, panel.save_button)
    assert "不是一个公钥" in panel.message.text() and load_subscription().public_key == ""

    _subscribe(qtbot, window, panel, pub, pub.folder)
    assert panel.message.text() == "已经保存。"
    fingerprint = pub.key.public_key().fingerprint()
    assert panel.fingerprint.text() == f"公钥指纹：{fingerprint}"
    assert load_subscription().source == str(pub.folder)

    click(qtbot, window, panel.check_button)
    assert panel.message.text() == "正在检查，请稍等……"
    _wait(qtbot, panel)
    assert panel.message.text() == "已经用上第 1 版内容包：第一周"
    assert panel.state.text().startswith("正在用：第 1 版")
    assert not panel.refusal.isVisible()
    assert len(window.articles) == 3  # the two seeds and the pack's article

    pub.build(articles=[pub.article("meal.txt")], note="第二周")
    click(qtbot, window, panel.check_button)
    _wait(qtbot, panel)
    click(qtbot, window, staff.lock_button)  # home: the new article has its 新 mark
    titles = [t.title.plain_text() for t in window.home.tiles]
    assert "新 社区食堂开始为老人送餐" in titles


def test_a_refusal_is_said_plainly_and_the_old_content_stays(qtbot: QtBot, tmp_path: Path
                                                            ) -> None:
    pub = publisher(tmp_path)
    first_pack(pub)
    window, _staff, panel = _window(qtbot)
    _subscribe(qtbot, window, panel, pub, pub.folder)
    click(qtbot, window, panel.check_button)
    _wait(qtbot, panel)
    pub.build(articles=[pub.article("meal.txt")])
    other = publisher(tmp_path / "other")  # a pack signed with another key, slipped in
    newest = sorted(pub.folder.glob("pack-*.zip"))[-1]
    forged = other.build(articles=[SEEDS[1]])
    newest.write_bytes(forged.path.read_bytes())
    feed = (pub.folder / "feed.json").read_text()
    import hashlib
    import json

    data = json.loads(feed)
    data["packs"][0]["sha256"] = hashlib.sha256(forged.path.read_bytes()).hexdigest()
    data["packs"][0]["size"] = forged.path.stat().st_size
    (pub.folder / "feed.json").write_text(json.dumps(data, ensure_ascii=False))
    click(qtbot, window, panel.check_button)
    _wait(qtbot, panel)
    assert panel.message.text() == "签名不对，没有使用这个内容包。"
    assert panel.refusal.isVisible() and panel.refusal.text() == "签名不对，没有使用这个内容包。"
    assert panel.state.text().startswith("正在用：第 1 版")


def test_a_pack_from_a_usb_stick_and_a_card_with_two_versions(qtbot: QtBot, tmp_path: Path
                                                              ) -> None:
    pub = publisher(tmp_path)
    built = pub.build(articles=[SEEDS[0]], cards=pub.cards("dibao", change="区里新写："))
    local_cards_dir().mkdir(parents=True)
    card = (asset_path("cards") / "dibao.toml").read_text(encoding="utf-8")
    mine = local_cards_dir() / "dibao.toml"
    mine.write_text(card.replace('what = "', 'what = "本社区写的：', 1), encoding="utf-8")
    window, _staff, panel = _window(qtbot)
    _subscribe(qtbot, window, panel, pub, "")
    panel.choose_pack_file = lambda: str(built.path)  # type: ignore[method-assign]
    click(qtbot, window, panel.usb_button)
    _wait(qtbot, panel)
    assert panel.message.text() == "已经用上第 1 版内容包"
    row = panel.findChild(QLabel, "packs.mine")
    assert row is not None and "本社区写的：" in row.text()
    theirs = panel.findChild(QLabel, "packs.theirs")
    assert theirs is not None and "区里新写：" in theirs.text()
    assert panel.ctx.cards.cards_in().get("dibao").what.startswith("本社区写的：")  # type: ignore[union-attr]

    use = next(b for b in panel.findChildren(type(panel.save_button)) if
               b.objectName() == "packs.usePack")
    click(qtbot, window, use)
    assert panel.message.text().startswith("卡片 dibao 已经改用内容包的版本")
    assert not mine.exists() and list(local_cards_dir().glob("dibao.toml.broken-*"))
    assert panel.ctx.cards.cards_in().get("dibao").what.startswith("区里新写：")  # type: ignore[union-attr]
    assert panel.conflicts.count() == 0 and panel.findChild(QLabel, "packs.mine") is None


def test_the_background_check_never_holds_up_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    pub = publisher(tmp_path)
    first_pack(pub)
    with faulty_server(pub.folder, {"feed.json": "stall"}) as url:
        from reader.core.subscription import Subscription, save_subscription

        save_subscription(Subscription(url, pub.key.public_key().to_text()))
        program = make_program(qtbot)
        window = program.window
        packs = ContentPacks(window, program.cards, delay=lambda first: 0.05,
                             timeouts=Timeouts(connect_and_read=2.0, total=5.0))
        results: list[object] = []
        packs.checked.connect(results.append)
        started = time.monotonic()
        packs.start()
        qtbot.waitUntil(lambda: packs.busy, timeout=5000)
        longest = 0.0
        while packs.busy and time.monotonic() - started < 40:
            tick = time.monotonic()
            qtbot.wait(20)
            longest = max(longest, time.monotonic() - tick)
        packs.stop()
        assert results and results[0].message == "下载没有完成，下次再试。"  # type: ignore[attr-defined]
        assert longest < 0.5  # the event loop kept turning while the server stalled


def test_no_subscription_means_no_background_check(qtbot: QtBot) -> None:
    program = make_program(qtbot)
    window = program.window
    packs = ContentPacks(window, program.cards, delay=lambda first: 0.01)
    results: list[object] = []
    packs.checked.connect(results.append)
    packs.start()
    qtbot.wait(300)
    packs.stop()
    qtbot.waitUntil(lambda: not packs.busy, timeout=10000)
    assert results == [] and packs.last is None
    assert not (library_dir() / "published").exists()  # nothing written, nothing said


def test_the_window_starts_its_checker_after_the_first_picture(qtbot: QtBot) -> None:
    from reader.ui.compose import build_program

    program = build_program()
    window = program.window
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: program.content_packs is not None, timeout=10000)
    packs = program.content_packs
    assert isinstance(packs, ContentPacks) and packs._timer.isActive()
    assert 5_000 <= packs._timer.remainingTime() <= 120_000  # soon, but spread out


def test_home_does_not_change_under_a_residents_hands(qtbot: QtBot, tmp_path: Path) -> None:
    from reader.core.subscription import save_subscription
    from tests.support.window_helpers import SHORTER

    pub = publisher(tmp_path)
    first_pack(pub)
    save_subscription(pub.subscription())
    program = make_program(qtbot)
    window = program.window
    packs = ContentPacks(window, program.cards, delay=lambda first: 3600, quiet_s=600)
    assert window.current_page() is window.home
    before = [t.article_id for t in window.home.tiles]
    assert packs.check_now(background=True)
    qtbot.waitUntil(lambda: packs.last is not None, timeout=30000)
    assert packs.last.outcome == "applied"  # type: ignore[union-attr]
    assert [t.article_id for t in window.home.tiles] == before  # nothing moved on screen
    window.open_article(SHORTER)
    settle()
    window.go_home()
    settle()
    assert len(window.home.tiles) == len(before) + 1


def test_a_pc_left_on_home_shows_the_new_tiles_once_nobody_touches_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt

    from reader.core.subscription import save_subscription

    pub = publisher(tmp_path)
    first_pack(pub)
    save_subscription(pub.subscription())
    program = make_program(qtbot)
    window = program.window
    loads: list[int] = []

    def load() -> list[Article]:  # as compose gives it: the window's ArticlesSource
        articles = load_articles()
        loads.append(len(articles))
        return articles

    packs = ContentPacks(window, program.cards, delay=lambda first: 3600, quiet_s=1.0,
                         load_articles=load)
    before = len(window.home.tiles)
    assert packs.check_now()
    qtbot.waitUntil(lambda: packs.last is not None, timeout=30000)
    for _ in range(8):  # someone is scrolling: nothing moves
        qtbot.keyClick(window.home.scroll_area(), Qt.Key.Key_Down)
        qtbot.wait(250)
        assert len(window.home.tiles) == before
    qtbot.waitUntil(lambda: len(window.home.tiles) == before + 1, timeout=5000)
    assert loads == [before + 1]  # home shows what the given source loaded
    # (the first pack a PC ever applies marks nothing 新: everything would be new)
    assert not any(t.title.plain_text().startswith("新 ") for t in window.home.tiles)
