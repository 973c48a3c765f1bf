"""Where am I and what day is it: home's date line (公历, 星期, 农历) and the centre's
phone, the place kept after Esc or 首页, 接着读 on home and 下一篇 at an article's end."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support.window_helpers import LONGEST, make_window, open_gates, settle


def test_the_date_line_with_a_fixed_day_in_both_scripts(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    window.home.today = lambda: dt.date(2026, 2, 17)  # 春节 2026
    window.open_article(LONGEST)
    window.go_home()
    qtbot.waitUntil(lambda: "农历" in window.home.date_line.plain_text(), timeout=5000)
    assert window.home.date_line.plain_text() == "2026年2月17日 星期二  农历正月初一"
    window.toggle_script()
    settle()
    assert window.home.date_line.plain_text() == "2026年2月17日 星期二  農曆正月初一"


def test_the_centres_name_and_phone_on_home(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    local = window.settings.path.parent / "local-info.toml"
    local.parent.mkdir(parents=True, exist_ok=True)
    local.write_text('[centre]\nname = "幸福社区党群服务中心"\nphone = "0354-7654321"\n',
                     encoding="utf-8")
    window.open_article(LONGEST)
    window.go_home()
    settle()
    assert window.home.centre_line.isVisible()
    assert window.home.centre_line.plain_text() == "幸福社区党群服务中心　电话：0354-7654321"


def test_the_place_is_kept_after_esc_and_resume_on_home(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    assert not window.home.resume_button.isVisible()  # nothing read yet
    window.open_article(LONGEST, "p8")
    settle()
    view = window.article_page.view
    kept = view.top_block_id()
    assert kept == "p8"
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.current_page() is window.home
    resume = window.home.resume_button
    assert resume.isVisible() and resume.accessibleName().startswith("接着读：筑牢民生根基")
    open_gates(window)
    qtbot.mouseClick(resume, Qt.MouseButton.LeftButton)
    settle()
    assert window.current_page() is window.article_page and view.top_block_id() == kept
    # the home tile comes back to the same place too
    window.go_home()
    open_gates(window)
    tile = next(t for t in window.home.tiles if t.article_id == LONGEST)
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    settle()
    assert view.top_block_id() == kept


def test_next_article_at_the_end_and_none_after_the_last(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    ids = [a.id for a in window.articles]
    window.open_article(ids[0])
    settle()
    following = window.article_page.view.next_button
    assert following.isVisible() and following.text() == "下一篇"
    assert following.accessibleName() == f"下一篇：{window.articles[1].title}"
    open_gates(window)
    qtbot.mouseClick(following, Qt.MouseButton.LeftButton)
    settle()
    assert window.article_page.article is not None
    assert window.article_page.article.id == ids[1]
    if len(ids) == 2:
        assert not following.isVisible()  # the last article: 返回首页 only


def test_the_community_reset_forgets_the_place(qtbot: QtBot) -> None:
    from tests.support.community_helpers import FakeClock, make_community_window

    window, community = make_community_window(qtbot, kiosk=True, idle_clock=FakeClock())
    window.open_article(LONGEST, "p8")
    settle()
    community.reset_for_next_resident()
    assert not window.home.resume_button.isVisible() and window.places.places == {}
    window.open_article(LONGEST)
    settle()
    assert window.article_page.view.top_block_id() != "p8"
