"""`python -m reader doctor`: a checklist staff can read, one OK/problem line per item.

Each part of the program that can be missing on a PC (Qt, fonts, speech, printing,
settings) contributes its own checks through a `doctor_checks()` function; this
module only collects and prints them, so a part that fails to import shows up as a
problem line instead of stopping the checklist.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    name: str  # what is checked, plain Chinese
    ok: bool
    detail: str  # what was found, or what is missing and how to fix it
    required: bool = True  # False: the program runs without it (e.g. speech, printer)


# "module:function" providers, imported lazily; each returns an iterable of Check.
PROVIDERS = [
    "reader.doctor:basic_checks",
    "reader.ui.shell.doctor_checks:doctor_checks",
    "reader.speech.doctor_checks:doctor_checks",
    "reader.ui.printing.output:doctor_checks",
    "reader.crash:doctor_checks",
    "reader.cli_library:doctor_checks",
    "reader.cards_doctor:doctor_checks",
    "reader.cli_pack:doctor_checks",
]


def basic_checks() -> Iterable[Check]:
    from reader import paths

    yield Check("设置文件位置", True, str(paths.settings_file()), required=False)
    yield Check("文章库位置", True, str(paths.library_dir()), required=False)
    yield pin_check()


def pin_check() -> Check:
    from reader.core.pin import RESET_COMMAND, PinStore, pin_file

    store = PinStore(pin_file())
    if store.broken:
        return Check("员工密码", False, store.problem, required=False)
    if not store.is_set:
        return Check("员工密码", True, "还没有设，第一次按 Ctrl+Alt+S 时设。", required=False)
    return Check("员工密码", True, f"已经设好。忘了密码：运行 {RESET_COMMAND}，再设新密码。",
                 required=False)


def collect() -> list[Check]:
    checks: list[Check] = []
    for spec in PROVIDERS:
        module_name, func_name = spec.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue  # that part of the program is not built into this copy
            checks.append(Check(module_name, False, f"无法加载：{exc}"))
            continue
        provider: Callable[[], Iterable[Check]] = getattr(module, func_name)
        try:
            checks.extend(provider())
        except Exception as exc:  # a broken check must not hide the others
            checks.append(Check(module_name, False, f"检查时出错：{exc!r}"))
    return checks


def run() -> int:
    checks = collect()
    for check in checks:
        mark = "OK  " if check.ok else ("问题" if check.required else "提醒")
        print(f"[{mark}] {check.name}：{check.detail}")
    can_run = all(c.ok for c in checks if c.required)
    print("结论：" + ("可以使用。" if can_run else "有必须解决的问题，见上面标“问题”的行。"))
    return 0 if can_run else 1
