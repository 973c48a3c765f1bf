"""`python -m reader <command>`: the program itself and the commands staff and checks use.

With no command the reading window opens. Each command's work lives in its own module;
this file only declares the arguments and dispatches, importing lazily so that
`convert` or `article` never load Qt.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable

# command name -> "module:function"; the function takes the parsed args, returns an exit code
HANDLERS: dict[str, str] = {
    "run": "reader.ui.app:run",
    "article": "reader.cli_core:cmd_article",
    "convert": "reader.cli_core:cmd_convert",
    "doctor": "reader.cli_core:cmd_doctor",
    "help-calls": "reader.cli_core:cmd_help_calls",
    "reset-pin": "reader.cli_core:cmd_reset_pin",
    "screenshot": "reader.ui.tools.screenshot:cmd_screenshot",
    "speak": "reader.speech.cli:cmd_speak",
    "cards": "reader.cli_cards:cmd_cards",
    "card": "reader.cli_cards:cmd_card",
    "links": "reader.cli_cards:cmd_links",
    "import": "reader.cli_library:cmd_import",
    "library": "reader.cli_library:cmd_library",
    "pack": "reader.cli_pack:cmd_pack",
    "stats": "reader.cli_stats:cmd_stats",
    "soak": "reader.ui.tools.soak:cmd_soak",
    "build-print-font": "reader.ui.printing.font:cmd_build",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m reader", description="大字读报")
    parser.add_argument("--kiosk", action="store_true", help="社区模式：全屏，居民无法退出")
    sub = parser.add_subparsers(dest="command")

    # SUPPRESS: without it the subcommand's default (False) overwrites `--kiosk run`
    sub.add_parser("run", help="打开阅读窗口（默认）").add_argument(
        "--kiosk", action="store_true", default=argparse.SUPPRESS)

    p = sub.add_parser("article", help="把文章文件整理后输出")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--script", choices=["simplified", "traditional"])
    p.add_argument("--pdf", help="印成大字 PDF（带页码和相关卡片的办事电话）")
    p.add_argument("--paper", choices=["A4", "A5"], default="A4")

    p = sub.add_parser("convert", help="简繁转换：从标准输入读，写到标准输出")
    p.add_argument("--to", required=True, choices=["simplified", "traditional"])

    sub.add_parser("doctor", help="检查这台电脑能否运行本程序").add_argument(
        "--sound", action="store_true", help="试一下声音：放一句话，看能不能放出声音")

    p = sub.add_parser("help-calls", help="居民每月按了几次“请工作人员帮忙”（最近的月份在前）")
    p.add_argument("--newest", type=int, default=12, help="最多列出几个月（默认 12）")

    sub.add_parser("reset-pin", help="忘了员工密码：清除它，下次打开工作人员区时设新密码")

    p = sub.add_parser("screenshot", help="离屏渲染窗口并保存 PNG")
    p.add_argument("out")
    p.add_argument("--article", help="文章序号（从1开始）或文章编号")
    p.add_argument("--card", help="卡片编号：截取卡片页")
    p.add_argument("--script", choices=["simplified", "traditional"])
    p.add_argument("--font-size", type=int)
    p.add_argument("--theme")
    p.add_argument("--size", default="1280x800", help="窗口大小，如 1024x600")
    p.add_argument("--print-preview", action="store_true",
                   help="截取卡片的打印预览（和 --card 一起用）")
    p.add_argument("--choose", metavar="BLOCK",
                   help="和 --article 一起用：点选这一段（如 p3），显示“从这里读”")
    p.add_argument("--help-banner", action="store_true", help="显示按了“请工作人员帮忙”后的样子")

    p = sub.add_parser("speak", help="朗读：合成语音或只显示要读的句子")
    p.add_argument("text", nargs="?")
    p.add_argument("--dry-run", action="store_true", help="只打印要送给语音引擎的句子")
    p.add_argument("--pinyin", action="store_true", help="和 --dry-run 一起：每句打印带声调的拼音")
    p.add_argument("--voice", choices=["neural", "system"], help="这次用哪个语音（默认自动选）")
    p.add_argument("--wav", help="把语音写到 WAV 文件")
    p.add_argument("--article", help="文章文件")
    p.add_argument("--section", type=int, help="第几段（从1开始）")
    p.add_argument("--speed", choices=["slow", "medium", "fast"], default="slow")

    p = sub.add_parser("cards", help="列出帮助卡片，或把一组卡片印成小册子 PDF")
    p.add_argument("--pdf", help="写成 PDF 小册子")
    p.add_argument("--category", help="只要这一类")
    p.add_argument("--script", choices=["simplified", "traditional"], default="simplified")
    p.add_argument("--paper", choices=["A4", "A5"], default="A4")

    p = sub.add_parser("card", help="显示、导出或打印一张卡片")
    p.add_argument("id")
    p.add_argument("--script", choices=["simplified", "traditional"], default="simplified")
    p.add_argument("--pdf", help="写成 PDF")
    p.add_argument("--paper", choices=["A4", "A5"], default="A4")
    p.add_argument("--print", dest="print_", action="store_true", help="送到打印机")
    p.add_argument("--printer", help="打印机名称")

    p = sub.add_parser("links", help="列出文章里链接到卡片的词")
    p.add_argument("file")

    p = sub.add_parser("import", help="把文章文件加入文章库")
    p.add_argument("files", nargs="+")

    sub.add_parser("library", help="列出文章库")

    from reader.cli_pack import add_pack_parser

    add_pack_parser(sub)

    p = sub.add_parser("stats", help="本月统计：这台电脑的使用次数（可存成 CSV）")
    p.add_argument("--month", help="哪个月，如 2026-12（默认本月）")
    p.add_argument("--csv", help="存成 CSV 文件（表格软件能打开）")

    # Started by the window in the background (reader.ui.printing.font); not for people.
    p = sub.add_parser("build-print-font")
    p.add_argument("scripts", nargs="*", help="simplified / traditional (default: both)")

    p = sub.add_parser("soak", help="长时间随机点击测试")
    p.add_argument("--events", type=int, default=20000)
    p.add_argument("--seed", type=int, default=1)
    return parser


def _handler(command: str) -> Callable[[argparse.Namespace], int]:
    module_name, func_name = HANDLERS[command].split(":")
    func: Callable[[argparse.Namespace], int] = getattr(
        importlib.import_module(module_name), func_name
    )
    return func


# What parse_args([]) gives (a test checks): a plain start, as from the desktop, opens
# the window without building the parser (~7 ms of the start-up time).
PLAIN_START = argparse.Namespace(kiosk=False, command=None)


def main(argv: list[str] | None = None) -> int:
    if not (sys.argv[1:] if argv is None else argv):
        args = argparse.Namespace(**vars(PLAIN_START))
    else:
        args = build_parser().parse_args(argv)
    command = args.command or "run"
    return _handler(command)(args)


if __name__ == "__main__":
    sys.exit(main())
