"""`python -m reader pack …`: signed content packs, for the district office that
publishes them (keygen, build) and for the PC that receives them (subscribe, pull,
status, conflict). Messages are plain Chinese; the exit status is 0 when the command
did what was asked (an up-to-date PC included), 1 otherwise."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.errors import ReaderError

if TYPE_CHECKING:
    from reader.core.subscription import Subscription
    from reader.doctor import Check


def add_pack_parser(sub: argparse._SubParsersAction) -> None:
    pack = sub.add_parser("pack", help="内容包：发布方做包，各台电脑接收")
    commands = pack.add_subparsers(dest="pack_command", required=True)

    p = commands.add_parser("keygen", help="新建一对签名密钥（发布方用）")
    p.add_argument("--out", required=True, help="放密钥的文件夹")

    p = commands.add_parser("build", help="做下一个内容包，并更新 feed.json")
    p.add_argument("--key", required=True, help="私钥文件")
    p.add_argument("--out", required=True, help="发布文件夹")
    p.add_argument("--articles", nargs="*", default=[], help="文章文件")
    p.add_argument("--cards", help="卡片文件夹（.toml）")
    p.add_argument("--pronunciations", help="读音文件")
    p.add_argument("--retire", nargs="*", default=[], help="要撤下的文章或卡片编号")
    p.add_argument("--note", default="", help="这一版的说明")
    p.add_argument("--publisher", help="发布单位名称")

    p = commands.add_parser("subscribe", help="设置这台电脑的内容包来源和公钥")
    p.add_argument("--source", help="网址、文件夹，或空字符串表示只用U盘")
    p.add_argument("--key", help="发布方的公钥文件，或公钥那一行")

    p = commands.add_parser("pull", help="检查来源，有新内容包就用上")
    p.add_argument("--source", help="这次用的网址、文件夹或内容包文件")
    p.add_argument("--key", help="这次用的公钥文件")

    commands.add_parser("status", help="这台电脑上的内容包情况")

    p = commands.add_parser("conflict", help="看或处理本机改过、内容包也带来的卡片")
    p.add_argument("id", help="卡片编号")
    choice = p.add_mutually_exclusive_group()
    choice.add_argument("--use-pack", action="store_true", help="用内容包的版本")
    choice.add_argument("--keep-mine", action="store_true", help="保留本机的版本")


def cmd_pack(args: argparse.Namespace) -> int:
    handler = {
        "keygen": _keygen, "build": _build, "subscribe": _subscribe, "pull": _pull,
        "status": _status, "conflict": _conflict,
    }[args.pack_command]
    try:
        return handler(args)
    except ReaderError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        if exc.detail:
            print(f"（{exc.detail}）", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"错误：文件读写出错：{exc}", file=sys.stderr)
        return 1


def _keygen(args: argparse.Namespace) -> int:
    from reader.core.signing import write_key_pair

    public, secret_path, public_path = write_key_pair(args.out)
    print(f"私钥：{secret_path}（只留在发布单位，不要发给别人，也不要放到网上）")
    print(f"公钥：{public_path}（发给各社区，在内容订阅里填上）")
    print(f"公钥指纹：{public.fingerprint()}（电话里念给社区工作人员核对）")
    return 0


def _build(args: argparse.Namespace) -> int:
    from reader.core.pack_build import BuildRequest, build_pack, load_secret_key

    request = BuildRequest(
        articles=[Path(a) for a in args.articles],
        cards=Path(args.cards) if args.cards else None,
        pronunciations=Path(args.pronunciations) if args.pronunciations else None,
        retire=list(args.retire),
        note=args.note,
        publisher=args.publisher,
    )
    result = build_pack(load_secret_key(Path(args.key)), Path(args.out), request)
    for line in result.skipped:
        print(f"注意：{line}", file=sys.stderr)
    for line in result.added:
        print(f"新加文章：{line}")
    manifest = result.manifest
    print(f"做好了第 {result.version} 版内容包：{result.path}")
    print(f"共 {len(manifest.articles)} 篇文章、{len(manifest.cards)} 张卡片"
          + (f"，撤下 {len(args.retire)} 项" if args.retire else ""))
    print(f"把文件夹 {args.out} 整个放到网站、共享文件夹或U盘上即可。")
    return 0


def _subscription_with(args: argparse.Namespace) -> Subscription:
    """The saved subscription with the source and key given on the command line."""
    from dataclasses import replace

    from reader.core.subscription import load_subscription

    subscription = load_subscription()
    if args.source is not None:
        subscription = replace(subscription, source=args.source)
    if args.key is not None:
        subscription = replace(subscription, public_key=_key_text(args.key))
    return subscription


def _subscribe(args: argparse.Namespace) -> int:
    from reader.core.subscription import save_subscription, subscription_path

    subscription = _subscription_with(args)
    save_subscription(subscription)
    print(f"已保存到 {subscription_path()}")
    from reader.core.content_store import ContentStore
    from reader.core.pack_status import pack_status

    for line in pack_status(ContentStore(), subscription).lines()[:2]:
        print(line)
    return 0


def _pull(args: argparse.Namespace) -> int:
    from reader.core.content_store import ContentStore
    from reader.core.pack_pull import pull

    result = pull(ContentStore(), _subscription_with(args))
    stream = sys.stdout if result.outcome in ("applied", "unchanged") else sys.stderr
    print(result.message, file=stream)
    if result.detail:
        print(f"（{result.detail}）", file=sys.stderr)
    _print_conflicts()
    return 0 if stream is sys.stdout else 1


def _status(args: argparse.Namespace) -> int:
    from reader.core.content_store import ContentStore
    from reader.core.pack_status import pack_status
    from reader.core.subscription import load_subscription

    for line in pack_status(ContentStore(), load_subscription()).lines():
        print(line)
    _print_conflicts()
    return 0


def _conflict(args: argparse.Namespace) -> int:
    from reader.core.card_text import card_to_text
    from reader.core.cards import parse_card_file
    from reader.core.content_store import ContentStore
    from reader.paths import local_cards_dir

    store = ContentStore()
    conflict = next((c for c in store.conflicts(local_cards_dir()) if c.card_id == args.id), None)
    if conflict is None:
        print(f"卡片 {args.id} 没有需要处理的两个版本。")
        return 0
    if args.use_pack:
        from reader.core.safe_files import set_aside

        kept = set_aside(conflict.local)
        print(f"已经改用内容包的版本。本机的版本另存为 {kept}")
        return 0
    if args.keep_mine:
        store.keep_local_card(conflict)
        print("保留本机的版本。内容包以后再带来新的版本时，还会提醒。")
        return 0
    for label, path in (("本机改过的版本（正在使用）", conflict.local),
                        ("内容包带来的版本", conflict.published)):
        print(f"===== {label}：{path}")
        try:
            card, _ = parse_card_file(path)
            print(card_to_text(card))
        except ReaderError as exc:
            print(exc.message)
    print("用 --use-pack 改用内容包的版本，用 --keep-mine 保留本机的版本。")
    return 0


def _print_conflicts() -> None:
    from reader.core.content_store import ContentStore
    from reader.paths import local_cards_dir

    for conflict in ContentStore().conflicts(local_cards_dir()):
        print(f"注意：卡片 {conflict.card_id} 本机改过，内容包也带来了新版本；现在用的是本机的。"
              f"用 python -m reader pack conflict {conflict.card_id} 看两个版本。")


def _key_text(value: str) -> str:
    path = Path(value)
    if path.is_file():
        return path.read_text(encoding="utf-8", errors="replace")
    return value


def doctor_checks() -> Iterable[Check]:
    """The content-pack lines of `doctor`: a warning (not a stop) when the last check
    was refused or failed, or a card has two versions."""
    from reader.core.content_store import ContentStore
    from reader.core.pack_status import pack_status
    from reader.core.subscription import load_subscription
    from reader.doctor import Check

    subscription = load_subscription()
    if not subscription.source and not subscription.public_key:
        yield Check("内容包", True, "没有订阅（只用本机的文章）", required=False)
        return
    status = pack_status(ContentStore(), subscription)
    yield Check("内容包", not status.refusal,
                f"{status.installed} {status.refusal}".strip(), required=False)
    yield Check("内容包公钥指纹", True, status.fingerprint, required=False)
    if status.conflicts:
        yield Check("本机改过的卡片", False,
                    f"{'、'.join(status.conflicts)} 内容包也带来了新版本，"
                    "用 python -m reader pack conflict 编号 处理", required=False)
