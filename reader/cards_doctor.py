"""`python -m reader doctor` rows for the topic cards and the local-information file.

Staff see here, line by line, which card files are wrong (the file and line, what to
fix) and whether the local-information file reads cleanly. The window only says
"有几张卡片的文件写错了，请运行 doctor" in its message line; the details are here.
Reading only: the doctor never creates or changes a file.
"""

from __future__ import annotations

from collections.abc import Iterator

from reader.doctor import Check

NAME = "帮助卡片"
LOCAL_NAME = "本地办事信息"


def doctor_checks() -> Iterator[Check]:
    from reader import paths
    from reader.core.cards import load_cards
    from reader.core.local_info import load_local_info
    from reader.core.safe_files import is_blank

    cards = load_cards()
    skipped = [p for p in cards.problems if p.skipped]
    kept_with_notes = [p for p in cards.problems if not p.skipped]
    if skipped:
        yield Check(NAME, False,
                    f"载入了 {len(cards)} 张；{len(skipped)} 个文件有错，没有载入（见下面几行）",
                    required=False)
    else:
        notes = f"；{len(kept_with_notes)} 处小问题（见下面几行）" if kept_with_notes else ""
        yield Check(NAME, True, f"载入了 {len(cards)} 张{notes}", required=False)
    for problem in (*skipped, *kept_with_notes):
        yield Check(f"{NAME}文件 {problem.file}", False, problem.message, required=False)

    path = paths.local_info_file()
    if not path.exists():
        yield Check(LOCAL_NAME, True, f"还没有，第一次打开卡片时会建立：{path}", required=False)
        return
    if is_blank(path):
        yield Check(LOCAL_NAME, False,
                    f"文件是空的，什么都没填；下次打开卡片时会重新放进填写说明：{path}",
                    required=False)
        return
    info = load_local_info(path, [(card.id, card.title) for card in cards])
    if info.problems:
        yield Check(LOCAL_NAME, False, "　".join(info.problems) + f"（文件：{path}）",
                    required=False)
    else:
        filled = sum(1 for card in cards if info.office_for(card.id) is not None)
        centre = "已填" if not info.centre.is_empty() else "没填"
        yield Check(LOCAL_NAME, True,
                    f"能正常读取：社区服务中心{centre}，{filled} 张卡片填了本地办理地点（{path}）",
                    required=False)
