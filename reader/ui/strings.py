"""Every piece of text the window shows, written once in Simplified Chinese.

`text(key, script)` returns it in the reader's script: 繁體 goes through the same
converter as the articles, so there is one place to edit and no second list to keep in
step. Later features add their keys to STRINGS (one dict, grouped by screen).

One deliberate exception, NATIVE_SCRIPT_KEYS: the button that switches script names the
other script in that script's own characters ("繁體字" / "简体字"), the way phones list
languages in their own language, so a reader who ended up in the wrong script still
recognises the way back. Its description and accessible name follow the current script.
"""

from __future__ import annotations

from functools import lru_cache

from reader.core.article import Script

STRINGS: dict[str, str] = {
    # window
    "app.title": "大字读报",
    "app.title_with_article": "大字读报 — {title}",
    "toolbar.name": "工具栏",
    "toolbar.desc": "常用按钮：首页、字大一点、字小一点、简体繁体、换颜色",
    # toolbar buttons: label, then what it does (tooltip, accessible description)
    "home.button": "首页",
    "home.button_desc": "回到文章列表",
    "size.bigger": "字大一点",
    "size.bigger_desc": "把字放大一级",
    "size.smaller": "字小一点",
    "size.smaller_desc": "把字缩小一级",
    "script.to_traditional": "繁體字",
    "script.to_simplified": "简体字",
    "script.to_traditional_name": "换成繁体字",
    "script.to_simplified_name": "换成简体字",
    "script.to_traditional_desc": "把文章和按钮上的字都换成繁体字",
    "script.to_simplified_desc": "把文章和按钮上的字都换成简体字",
    "theme.button": "换颜色",
    "theme.button_desc": "换一种颜色：下一种是{next}",
    "theme.standard": "标准（浅底黑字）",
    "theme.high_contrast": "高对比（黑底白字）",
    # notices (shown in the big message line under the toolbar)
    "notice.size_now": "字的大小：{pt} 号",
    "notice.at_largest": "字已经是最大的了",
    "notice.at_smallest": "字已经是最小的了",
    "notice.theme_now": "现在的颜色：{name}",
    "notice.script_now": "现在看的是简体字",
    "notice.article_missing": "上次看的文章找不到了，请重新选一篇",
    "notice.error": "出了点问题，请找工作人员",
    "notice.close": "知道了",
    "notice.close_desc": "关掉这条提示",
    "scrollbar.name": "上下滚动条",
    "scrollbar.desc": "拖动它，或点它的上面、下面，来上下翻看",
    # home
    "home.page_name": "首页",
    "home.heading": "请选一篇文章",
    "home.hint": "点一下文章就能打开",
    "home.list_name": "文章列表",
    "home.list_desc": "所有文章，最新的在最上面。用上下方向键或翻页键滚动",
    "home.topics_heading": "按主题找帮助",
    "home.no_articles": "现在还没有文章。请工作人员添加文章。",
    "home.tile_desc": "打开这篇文章。{detail}",
    "home.year": "{year}年",
    "home.date": "{year}年{month}月{day}日",
    # article page
    "article.page_name": "文章",
    "article.view_name": "文章：{title}",
    "article.view_desc": "文章正文。用上下方向键或翻页键滚动，按 Esc 回到首页",
    "article.back_home": "返回首页",
    "article.back_home_desc": "读完了，回到文章列表",
    "article.end": "—— 全文完 ——",
    "article.heading_desc": "小标题",
    "article.caption_desc": "图片说明",
    # when no Chinese font can be found (also printed in English: boxes can't be read)
    "font.missing": "这台电脑没有中文字体，字会显示成方框。"
    "请工作人员安装中文字体：Debian/Ubuntu 运行 sudo apt install fonts-noto-cjk；"
    "Windows 和 macOS 自带中文字体（微软雅黑、苹方），请检查是否被删掉。装好后重新打开本程序。",
    # --- read aloud (issue 4): keys "speech.*" go here ---
    # --- topic cards and printing (issues 5, 6): keys "card.*", "print.*" go here ---
    # --- staff area, community mode, errors (issues 8, 9): keys "staff.*", "kiosk.*" ---
}

NATIVE_SCRIPT_KEYS = frozenset({"script.to_traditional", "script.to_simplified"})


@lru_cache(maxsize=1024)
def _converted(simplified: str, script: Script) -> str:
    if script == "simplified":
        return simplified
    from reader.core.script import convert  # loads OpenCC only when 繁體 is wanted

    return convert(simplified, script)


def text(key: str, script: Script = "simplified", **fields: object) -> str:
    """The string `key` in `script`, with {fields} filled in as given (pass field values
    already in `script`, e.g. the displayed article's title)."""
    template = STRINGS[key]
    if key not in NATIVE_SCRIPT_KEYS:
        template = _converted(template, script)
    return template.format(**fields) if fields else template


def convert_text(simplified: str, script: Script) -> str:
    """Any other text (a message built elsewhere, a card title) in the reader's script."""
    return _converted(simplified, script) if simplified else simplified
