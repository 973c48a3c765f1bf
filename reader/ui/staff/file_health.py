"""What is wrong with the files people can edit, in plain words, for the staff area.

Each file's own loader already decides what to do with a broken file (settings and the
library index are set aside and replaced, a broken card is left out, the local
information file is left untouched and not used); this only collects what they said.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.cards import CardSet
from reader.core.local_info import load_local_info

if TYPE_CHECKING:
    from reader.ui.staff.context import StaffContext


def current_cards(ctx: StaffContext) -> CardSet:
    """The cards the window uses (the topic-card feature's)."""
    return ctx.cards.cards_in()


def file_problems(ctx: StaffContext) -> list[str]:
    problems: list[str] = []
    for settings_problem in (ctx.settings.problem, ctx.settings.save_problem):
        if settings_problem:
            problems.append(settings_problem)
    problems.extend(ctx.library_problems())
    problems.extend(ctx.library().problems)
    cards = current_cards(ctx)
    problems.extend(str(problem) for problem in cards.problems)
    info = load_local_info(cards=[(card.id, card.title) for card in cards])
    problems.extend(info.problems)
    if ctx.pin_store().problem:
        problems.append(ctx.pin_store().problem)
    unique: list[str] = []
    for problem in problems:
        if problem not in unique:
            unique.append(problem)
    return unique
