"""What is wrong with the files people can edit, in plain words, for the staff area.

Each file's own loader already decides what to do with a broken file (settings and the
library index are set aside and replaced, a broken card is left out, the local
information file is left untouched and not used); this only collects what they said.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.cards import CardSet, load_cards
from reader.core.local_info import load_local_info

if TYPE_CHECKING:
    from reader.ui.staff.feature import StaffArea


def current_cards(area: StaffArea) -> CardSet:
    """The cards the window uses (the topic-card feature's), else read them here."""
    topic_cards = getattr(area.window, "topic_cards", None)
    if topic_cards is not None:
        cards: CardSet = topic_cards.cards_in()
        return cards
    return load_cards()


def file_problems(area: StaffArea) -> list[str]:
    from reader.core.articles_source import library_problems

    problems: list[str] = []
    if area.window.settings.problem:
        problems.append(area.window.settings.problem)
    problems.extend(library_problems)
    problems.extend(area.library().problems)
    cards = current_cards(area)
    problems.extend(str(problem) for problem in cards.problems)
    info = load_local_info(cards=[(card.id, card.title) for card in cards])
    problems.extend(info.problems)
    if area.pin_store().problem:
        problems.append(area.pin_store().problem)
    unique: list[str] = []
    for problem in problems:
        if problem not in unique:
            unique.append(problem)
    return unique
