"""What a screen reader gets: the accessibility walk in ../shared/tools (a11y_audit.py,
AT-SPI as Orca uses it) run on the real window under its own Xvfb and D-Bus, on the
home screen, an article, a card and the staff PIN page.

dev.sh test installs what the walk needs (xvfb, dbus, at-spi2-core, python3-gi,
gir1.2-atspi-2.0); the tool runs itself under Debian's /usr/bin/python3.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from reader.core.cards import CATEGORIES, load_cards
from tests.conftest import ROOT

AUDIT = ROOT.parent / "shared" / "tools" / "a11y_audit.py"


def walk(page: str, tmp_path: Path) -> dict[str, Any]:
    assert AUDIT.exists(), f"the accessibility walk is missing: {AUDIT}"
    out = tmp_path / f"{page}.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("QT_QPA_PLATFORM", None)  # the tool starts Qt on its own Xvfb (xcb)
    done = subprocess.run(
        [str(AUDIT), "--json-out", str(out), "--timeout", "60", "--",
         sys.executable, "-m", "tests.support.a11y_app", page],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def showing(data: dict[str, Any], role: str | None = None) -> list[dict[str, Any]]:
    return [o for o in data["objects"]
            if o["showing"] and (role is None or o["role"] == role)]


def text_of(item: dict[str, Any]) -> str:
    return str(item["name"]) + str((item.get("text") or {}).get("text", ""))


def check_every_control(data: dict[str, Any]) -> None:
    assert data["findings"]["unnamed_interactive_or_focusable"] == []
    assert data["findings"]["small_targets_lt_44px"] == []
    buttons = showing(data, "push button")
    assert buttons
    for button in buttons:
        assert button["name"].strip() and button["description"].strip(), button
        assert button["extents"]["w"] >= 64 and button["extents"]["h"] >= 64, button
    names = {b["name"] for b in buttons}
    assert {"首页", "字大一点", "字小一点", "换成繁体字"} <= names



def test_home(tmp_path: Path) -> None:
    data = walk("home", tmp_path)
    check_every_control(data)
    [frame] = showing(data, "frame")
    assert frame["name"] == "大字读报"
    names = {b["name"] for b in showing(data, "push button")}
    assert set(CATEGORIES) <= names  # 按主题找帮助: one named button per category
    article_buttons = [b for b in showing(data, "push button")
                       if b["description"].startswith("打开这篇文章")]
    assert article_buttons and all(b["name"] for b in article_buttons)


def test_article(tmp_path: Path) -> None:
    data = walk("article", tmp_path)
    check_every_control(data)
    [frame] = showing(data, "frame")
    title = frame["name"].split(" — ", 1)[1]
    labels = showing(data, "label")
    assert labels[0]["name"] == title  # the title is the first thing read
    # then its subtitle (when it has one) and its date
    assert any(re.fullmatch(r"\d{4}年(\d{1,2}月\d{1,2}日)?", label["name"])
               for label in labels[1:3])
    texts = [text_of(label) for label in labels]
    assert any(len(text) > 30 for text in texts)  # paragraphs are readable, not unnamed
    names = {b["name"] for b in showing(data, "push button")}
    assert {"朗读全文", "返回首页"} <= names
    card_buttons = [b for b in showing(data, "push button")
                    if b["description"].startswith("打开帮助卡片")]
    assert card_buttons


def test_card(tmp_path: Path) -> None:
    data = walk("card", tmp_path)
    check_every_control(data)
    card = load_cards().get("dibao")
    assert card is not None
    [frame] = showing(data, "frame")
    assert frame["name"].endswith(card.title)
    texts = [text_of(o) for o in showing(data)]
    assert card.title in texts
    assert any("12345" in text for text in texts)  # the number to call is read out
    names = {b["name"] for b in showing(data, "push button")}
    assert {"朗读这张卡", "打印", "返回"} <= names


def test_staff_pin_page(tmp_path: Path) -> None:
    data = walk("staff_pin", tmp_path)
    check_every_control(data)
    [field] = showing(data, "password text")  # the PIN is never read out as text
    assert field["name"] == "员工密码" and field["description"]
    assert "focused" in field["states"]
    digits = {b["name"] for b in showing(data, "push button") if b["name"].isdigit()}
    assert digits == set("0123456789")
    # nothing of the residents' pages is on screen behind it
    assert not [b for b in showing(data, "push button")
                if b["description"].startswith("打开这篇文章")]
