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
    "speech.read_all": "朗读全文",
    "speech.read_all_desc": "从标题开始，把整篇文章读出来",
    "speech.pause": "暂停",
    "speech.pause_desc": "先停一下；再按一次就从这一句接着读",
    "speech.resume": "继续",
    "speech.resume_desc": "从停下的那一句接着读",
    "speech.stop": "停止",
    "speech.stop_desc": "不读了",
    "speech.speed": "速度：{speed}",
    "speech.speed_name": "朗读速度：{speed}",
    "speech.speed_desc": "换一种朗读速度，下一种是{next}",
    "speech.slow": "慢",
    "speech.medium": "中",
    "speech.fast": "快",
    "speech.read_section": "朗读这一段",
    "speech.read_section_name": "朗读这一段：{heading}",
    "speech.read_section_desc": "把这一段读出来：{heading}",
    "speech.read_section_desc_plain": "把这一段读出来",
    "speech.read_here": "从这里读",
    "speech.read_here_desc": "从上面这一段开始，往下读",
    "speech.view_hint": "。按回车键，可以从屏幕最上面那一段开始朗读",
    "speech.not_reading": "现在没有在朗读。要听文章，请按“朗读全文”。",
    # --- topic cards and printing (issues 5, 6): keys "card.*", "print.*" go here ---
    "card.page_name": "帮助卡片",
    "card.view_name": "帮助卡片：{title}",
    "card.view_desc": "卡片内容。用上下方向键或翻页键滚动，按 Esc 回到首页",
    "card.icon_name": "图标：{category}",
    "card.read": "朗读这张卡",
    "card.read_desc": "把这张卡片从头到尾读出来",
    "card.stop": "停止朗读",
    "card.stop_desc": "不读了",
    "card.print": "打印",
    "card.print_desc": "先看打印出来的样子，再送到打印机或存成PDF",
    "card.back": "返回",
    "card.back_article_desc": "回到刚才看的文章，还是刚才那一段",
    "card.back_category_desc": "回到“{category}”的卡片列表",
    "card.back_home_desc": "回到首页",
    "card.phone_name": "电话 {number}：{purpose}",
    "card.step_name": "第 {n} 步：{text}",
    "card.mentions_heading": "文章里说到它的地方",
    "card.mention_desc": "打开这篇文章，跳到说到它的那一段：{snippet}",
    "card.reading_failed": "这张卡片现在读不出来：{reason}",
    "card.links_row": "本段说到的帮助：",
    "card.link_button_desc": "打开帮助卡片“{title}”：{what}",
    "card.links_in_block": "这一段有帮助卡片：{titles}。按回车键打开“{current}”；"
    "有几张时，用左右方向键换一张",
    "card.topic_desc": "看看“{category}”方面的帮助卡片",
    "card.category_heading": "{category}",
    "card.category_hint": "点一张卡片就能打开",
    "card.category_empty": "这一类还没有帮助卡片。",
    "card.category_list_name": "“{category}”的帮助卡片",
    "card.category_list_desc": "这一类的所有帮助卡片。用上下方向键或翻页键滚动",
    "card.tile_desc": "打开这张帮助卡片：{what}",
    "card.back_home": "返回首页",
    "notice.cards_broken": "有 {n} 张帮助卡片的文件写错了，先不显示。"
    "请工作人员运行 python -m reader doctor 查看。",
    "notice.local_info_broken": "本地办事信息文件有写错的地方，写错的部分先不显示。"
    "请工作人员运行 python -m reader doctor 查看。",
    "notice.print_font": "第一次打印，正在准备打印用的字，请等几秒钟……",
    "notice.cards_unreadable": "帮助卡片的文件夹读不出来，先不显示卡片。"
    "请工作人员运行 python -m reader doctor 查看。",
    # --- staff area, community mode, errors (issues 8, 9): keys "staff.*", "kiosk.*" ---
    "idle.title": "还有人在看吗？",
    "idle.detail": "没有人在看的话，{seconds} 秒后回到首页，字的大小和颜色也换回原样。",
    "idle.still_here": "我还在看",
    "idle.still_here_desc": "接着看，不回首页",
    "crash.detail": "程序还能接着用。请按下面的按钮回到首页。",
    "crash.home": "回到首页",
    "crash.home_desc": "关掉这条提示，回到文章列表",
    "kiosk.files_problem": "有的设置文件坏了，已经改用默认设置，可以照常使用。"
    "请工作人员到工作人员区看看。",
    # staff PIN (the keypad page)
    "staff.pin.page_name": "工作人员登录",
    "staff.pin.set_title": "第一次使用：请设一个员工密码",
    "staff.pin.set_hint": "用 4 到 8 位数字，只告诉工作人员。以后打开工作人员区都要输这个密码。",
    "staff.pin.change_title": "请输入新的员工密码",
    "staff.pin.repeat_title": "请再输一遍刚才的密码",
    "staff.pin.repeat_hint": "两次一样，密码才会设好。",
    "staff.pin.mismatch": "两次输的不一样，请重新输入新密码。",
    "staff.pin.enter_title": "请输入员工密码",
    "staff.pin.enter_hint": "输完按“确定”。居民请按“返回首页”。",
    "staff.pin.invalid": "密码要用 4 到 8 位数字。",
    "staff.pin.set_done": "员工密码设好了。",
    "staff.pin.wait": "错的次数太多，请等 {seconds} 秒再试。",
    "staff.pin.field": "员工密码",
    "staff.pin.field_desc": "用键盘或下面的数字按钮输入，输完按回车或“确定”",
    "staff.pin.ok": "确定",
    "staff.pin.ok_desc": "用输入的密码进入",
    "staff.pin.delete": "删一位",
    "staff.pin.delete_desc": "删掉最后输入的一位数字",
    "staff.pin.clear": "清空",
    "staff.pin.clear_desc": "清掉已经输入的数字",
    "staff.pin.digit_desc": "输入数字 {digit}",
    "staff.pin.back": "返回首页",
    "staff.pin.back_desc": "不进入工作人员区，回到文章列表",
    # staff area
    "staff.page_name": "工作人员区",
    "staff.hint": "用完请按“锁上，回首页”。",
    "staff.hint_idle": "用完请按“锁上，回首页”。{minutes} 分钟没有人操作，也会自动锁上。",
    "staff.lock": "锁上，回首页",
    "staff.lock_desc": "离开工作人员区，回到居民看的首页",
    "staff.tab_desc": "打开“{name}”",
    "staff.status.tab": "状况",
    "staff.status.mode_on": "社区模式：开（全屏，居民不能关闭或缩小窗口）",
    "staff.status.mode_off": "社区模式：关",
    "staff.status.ok": "设置、文章库、本地办事信息和帮助卡片的文件都正常。",
    "staff.status.problems": "发现下面这些问题（程序照常运行）：",
    "staff.status.log": "错误记录文件：{path}",
    "staff.status.no_errors": "还没有记录到程序错误。",
    "staff.status.last_errors": "最近的程序错误（详细内容在错误记录文件里）：",
    "staff.status.check": "重新检查",
    "staff.status.check_desc": "再检查一遍各个文件",
    "staff.status.card_problem": "帮助卡片 {message}",
    "staff.settings.tab": "设置",
    "staff.settings.mode_heading": "社区模式",
    "staff.settings.mode_hint": "全屏显示；居民不能关闭、缩小窗口，也打不开其他程序和文件；"
    "没有人操作一段时间后自动回到首页。",
    "staff.settings.mode_on": "打开社区模式",
    "staff.settings.mode_on_desc": "全屏，居民不能关闭程序；下次启动也是社区模式",
    "staff.settings.mode_off": "离开社区模式",
    "staff.settings.mode_off_desc": "恢复普通窗口，可以关闭程序；下次启动是普通模式",
    "staff.settings.mode_now_on": "社区模式已经打开，下次启动也会是社区模式。",
    "staff.settings.mode_now_off": "已经离开社区模式：窗口可以关闭了，下次启动是普通模式。",
    "staff.settings.mode_flag": "注意：这次程序是用 --kiosk 启动的，下次这样启动仍是社区模式。",
    "staff.settings.idle": "多久没人操作就回到首页",
    "staff.settings.idle_item": "{minutes} 分钟",
    "staff.settings.idle_hint": "只在社区模式下使用。回首页前会先提示 10 秒。",
    "staff.settings.defaults_heading": "每位居民开始时的样子",
    "staff.settings.defaults_hint": "回到首页时，字的大小、简繁和颜色换回这些。",
    "staff.settings.size": "字的大小",
    "staff.settings.size_item": "{pt} 号",
    "staff.settings.script": "简体或繁体",
    "staff.settings.simplified": "简体字",
    "staff.settings.traditional": "繁体字",
    "staff.settings.theme": "颜色",
    "staff.settings.saved": "已经保存。",
    "staff.settings.pin_heading": "员工密码",
    "staff.settings.change_pin": "改员工密码",
    "staff.settings.change_pin_desc": "设一个新的员工密码",
    "staff.settings.quit": "退出程序",
    "staff.settings.quit_desc": "关闭大字读报（例如下班要关电脑时）",
    "staff.settings.quit_confirm": "再按一次，退出程序",
    "staff.printer.tab": "打印机",
    "staff.printer.hint": "居民在帮助卡片上按“打印”，看过预览后，直接用这台打印机打印，"
    "不弹出系统的打印窗口。",
    "staff.printer.choice": "打印机",
    "staff.printer.default_item": "系统默认的打印机（{name}）",
    "staff.printer.default_none": "系统默认的打印机",
    "staff.printer.none": "这台电脑还没有接打印机。接好后按“重新查找”。",
    "staff.printer.refresh": "重新查找",
    "staff.printer.refresh_desc": "再找一遍这台电脑上的打印机",
    "staff.printer.saved": "以后用“{name}”打印。",
    "staff.printer.saved_default": "以后用系统默认的打印机打印。",
    "staff.printer.missing": "选过的打印机“{name}”现在找不到了，打印时会用系统默认的打印机。",
    "staff.booklet.tab": "小册子",
    "staff.booklet.hint": "把帮助卡片做成一本小册子，贴在公告栏或放在服务台：先是目录，"
    "每张卡片从新的一页开始，填了的本地办事信息也印上。用现在看的简体或繁體。",
    "staff.booklet.choice": "印哪些卡片",
    "staff.booklet.all": "全部帮助卡片",
    "staff.booklet.pdf": "保存为PDF",
    "staff.booklet.pdf_desc": "把小册子保存成PDF文件，可以拿到别的电脑上打印",
    "staff.booklet.print": "打印小册子",
    "staff.booklet.print_desc": "用“打印机”里选的打印机，把小册子打印出来",
    "staff.booklet.save_title": "小册子保存到哪里",
    "staff.booklet.file_name": "帮助卡片小册子（{what}）",
    "staff.booklet.saved": "已保存：{path}（{n} 张卡片）",
    "staff.booklet.printed": "已送到打印机“{name}”（{n} 张卡片）。",
    "staff.local.tab": "本地信息",
    "staff.local.file": "文件位置：{path}",
    "staff.local.howto": "这里的内容会印在帮助卡片上。用记事本改好、保存以后，按“重新读取”。"
    "没填的内容不会显示。",
    "staff.local.centre": "本社区服务中心",
    "staff.local.field": "{label}：{value}",
    "staff.local.empty": "（没填）",
    "staff.local.offices": "填了办理地点或电话的卡片：{count} 张",
    "staff.local.ok": "文件没有问题。",
    "staff.local.problems": "文件里有这些问题：",
    "staff.local.open": "用记事本打开",
    "staff.local.open_desc": "用系统的文字编辑程序打开本地办事信息文件",
    "staff.local.reload": "重新读取",
    "staff.local.reload_desc": "改好文件后，读进程序里",
    "staff.local.reloaded": "已经重新读取。",
    "staff.local.kiosk_note": "社区模式下不能打开其他程序。要修改，请先在“设置”里离开社区模式。",
    "staff.local.open_failed": "没能打开编辑程序。请自己用记事本打开这个文件：{path}",
    "staff.import.tab": "添加文章",
    "staff.import.hint": "选文件，或者把文件直接拖到这个窗口上。可以用：.txt（各种中文编码）、"
    "网页（.html .htm .mhtml）、Word（.docx）。原来的文件不会被改动。",
    "staff.import.pick": "选文件",
    "staff.import.pick_desc": "从电脑里选一个或几个文章文件",
    "staff.import.dialog_title": "选要添加的文章",
    "staff.import.filter": "文章 (*.txt *.html *.htm *.mhtml *.mht *.docx);;所有文件 (*)",
    "staff.import.reading": "正在读取：{name}……",
    "staff.import.queue": "后面还有 {count} 个文件。",
    "staff.import.failed": "{name}：{message}",
    "staff.import.unexpected": "这个文件读的时候出了问题，没有加入。",
    "staff.import.not_a_file": "这不是一个文件（可能是文件夹），没有加入。",
    "staff.import.file": "文件：{name}",
    "staff.import.title": "标题（可以修改）",
    "staff.import.title_empty": "标题不能空着，已经换回找到的标题。",
    "staff.import.sections": "分段（{count} 段）",
    "staff.import.section": "{heading}：{paragraphs} 个自然段。{start}",
    "staff.import.no_heading": "（没有小标题）",
    "staff.import.links": "找到的主题链接",
    "staff.import.link": "“{term}”→ 帮助卡片“{card}”",
    "staff.import.no_links": "没有找到可以链接到帮助卡片的词。",
    "staff.import.removed": "去掉的杂乱内容（{count} 行）",
    "staff.import.no_removed": "没有去掉任何内容。",
    "staff.import.removed_line": "第 {line} 行：{text}",
    "staff.import.restore": "恢复",
    "staff.import.restore_desc": "把这一行放回文章里",
    "staff.import.restored": "恢复了的内容",
    "staff.import.unrestore": "再去掉",
    "staff.import.unrestore_desc": "还是把这一行去掉",
    "staff.import.duplicate": "这篇文章已经在文章库里了：《{title}》，不用再加。",
    "staff.import.save": "保存",
    "staff.import.save_desc": "把这篇文章加入文章库，居民在首页就能看到",
    "staff.import.skip": "不要这篇",
    "staff.import.skip_desc": "不加入这篇，看下一个文件",
    "staff.import.saved": "已经加入《{title}》，居民在首页就能看到。",
    "staff.manage.tab": "文章管理",
    "staff.manage.hint": "隐藏的文章居民看不到，可以随时取消隐藏。"
    "程序自带的文章只能隐藏，不能删除。",
    "staff.manage.seed": "程序自带",
    "staff.manage.added": "{date} 添加",
    "staff.manage.hidden_mark": "已隐藏",
    "staff.manage.hide": "隐藏",
    "staff.manage.hide_desc": "居民先看不到这篇文章",
    "staff.manage.unhide": "取消隐藏",
    "staff.manage.unhide_desc": "让居民又能看到这篇文章",
    "staff.manage.delete": "删除",
    "staff.manage.delete_desc": "从文章库里删掉这篇文章",
    "staff.manage.confirm": "确定删除《{title}》吗？删除后不能恢复。",
    "staff.manage.confirm_yes": "确定删除",
    "staff.manage.confirm_no": "不删了",
    "staff.manage.hidden": "已经隐藏《{title}》。",
    "staff.manage.unhidden": "《{title}》又能看到了。",
    "staff.manage.deleted": "已经删除《{title}》。",
    # staff area: the voice that reads aloud
    "staff.voice.tab": "朗读声音",
    "staff.voice.heading": "朗读用哪个声音",
    "staff.voice.hint": "神经网络语音像真人说话，老人容易听清。电脑上没有它的文件、"
    "内存不够或者它出了错，程序会自动改用系统语音，不会不出声。",
    "staff.voice.choice": "朗读的声音",
    "staff.voice.auto": "自动（推荐）：能用神经网络语音就用它",
    "staff.voice.neural": "神经网络语音（女声）",
    "staff.voice.system": "系统语音",
    "staff.voice.now": "现在用：{voice}",
    "staff.voice.not_started": "朗读程序还没有启动，第一次朗读时会启动。",
    "staff.voice.try_heading": "试听",
    "staff.voice.try": "试听{name}",
    "staff.voice.try_desc": "用{name}读一句话",
    "staff.voice.trying": "正在试听……",
    "staff.voice.tried": "试听完了。",
    "staff.voice.fell_back": "{name}现在用不了，试听的是{voice}",
    "staff.voice.sample": "您好！这是大字读报的朗读声音。银行的营业时间调整了，"
    "有问题请拨打12345热线。",
    "staff.voice.saved": "已经保存，下一次朗读就用它。",
    "staff.voice.licence_heading": "神经网络语音的许可",
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
