"""The composition root: the one place that builds the window and every feature and
hands each what it needs.

The shell (MainWindow) knows no feature. Features are built after it, in this order,
each given the narrowest things it uses: the window, the shared Voice, (cards) printing,
(printing) the cards' data as callables, and (community) the staff area and its
first-PIN window, made here when first needed, with the topic cards and printing that
the staff panels use. What was built comes back as `Parts`, so the `run` command, the
tools and the tests reach a feature by name instead of looking for it on the window.

Building everything here costs no start-up time: each feature still makes its pages
and workers on first need.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.article import Article
from reader.ui.cards.feature import TopicCards
from reader.ui.community.feature import Community
from reader.ui.printing.feature import Printing
from reader.ui.read_aloud.feature import ReadAloud
from reader.ui.reading.article_page import ArticlePage
from reader.ui.reading.home import HomePage
from reader.ui.shell.main_window import MainWindow
from reader.ui.shell.settings import Settings
from reader.ui.shell.voice import Voice

if TYPE_CHECKING:  # these load after the first picture
    from PySide6.QtWidgets import QWidget

    from reader.core.pin import PinStore
    from reader.ui.content_packs.feature import ContentPacks
    from reader.ui.staff.feature import StaffArea
    from reader.ui.staff.pin_page import FirstRunWindow


@dataclass
class Parts:
    """The reading window and the features every reader sees."""

    window: MainWindow
    voice: Voice
    read_aloud: ReadAloud
    cards: TopicCards
    printing: Printing


@dataclass
class Program(Parts):
    """Parts plus what a shared PC needs (crash guard, staff area, community mode) and
    the content-pack checker (made after the first picture by start_content_packs)."""

    community: Community
    content_packs: ContentPacks | None = None


def build_parts(settings: Settings, articles: list[Article],
                cards_folder: Path | None = None) -> Parts:
    """The window with its reading pages, read-aloud and topic cards (`cards_folder`:
    None for the shipped cards)."""
    window = MainWindow(settings, articles, HomePage, ArticlePage)
    voice = Voice(window)
    voice.use_voice(settings.get("voice"))  # the staff area's choice
    settings.changed.connect(voice.follow_setting)
    window.closing.connect(voice.close)
    read_aloud = ReadAloud(window, voice)
    # printing asks the cards for their data only when something is printed
    printing = Printing(window, linked_cards=lambda: cards.cards_in().cards,
                        local_info=lambda: cards.local_info())
    cards = TopicCards(window, voice, printing, cards_folder)
    return Parts(window, voice, read_aloud, cards, printing)


def add_community(parts: Parts, kiosk_flag: bool = False,
                  idle_clock: Callable[[], float] = time.monotonic,
                  pin_clock: Callable[[], float] = time.time,
                  library_problems: Callable[[], Sequence[str]] = lambda: ()) -> Program:
    """`parts` with the crash guard, the staff area and community-centre mode (built,
    not started: see build_program). `library_problems`: what was wrong with the library
    files when the articles were last loaded (ArticlesSource.problems)."""
    made: list[Program] = []  # the staff area asks for the pack checker later
    window, voice = parts.window, parts.voice

    def staff_area(community: Community) -> StaffArea:  # made after the first picture
        from reader.ui.printing.for_staff import PrintingForStaff
        from reader.ui.staff.feature import StaffArea

        return StaffArea(window, community, voice.stop_all, parts.cards,
                         lambda: made[0].content_packs if made else None, PrintingForStaff(),
                         pin_clock, voice_status=voice.voice_status,
                         library_problems=library_problems)

    def first_run(store: PinStore) -> FirstRunWindow:
        from reader.ui.staff.pin_page import FirstRunWindow

        return FirstRunWindow(store, window.look, pin_clock)

    community = Community(window, voice, staff_area, first_run,
                          for_residents=print_preview_for_residents,
                          kiosk_flag=kiosk_flag, idle_clock=idle_clock,
                          listening=lambda: reading_aloud(parts),
                          say=lambda simplified: say(parts, simplified),
                          library_problems=library_problems)
    made.append(Program(**vars(parts), community=community))
    return made[0]


def print_preview_for_residents(preview: QWidget, printer: str) -> None:
    """Community mode's print preview (printing is loaded only once a preview opens)."""
    from reader.ui.printing.preview import for_residents

    for_residents(preview, printer)


def reading_aloud(parts: Parts) -> bool:
    """Whether an article or a card is being read aloud now (a pause is not)."""
    return parts.read_aloud.state == "reading" or parts.cards.reading_aloud()


def say(parts: Parts, simplified: str) -> None:
    """Say a short message (simplified text, said in the reader's script) unless
    something is being read."""
    if not parts.cards.reading_aloud():
        parts.read_aloud.say(parts.window.look.convert(simplified))


def start_content_packs(program: Program, **options: object) -> ContentPacks:
    """The content-pack checker (options: see ContentPacks), made and started; `run`
    does this after the first picture (the pack code is not needed for it)."""
    from reader.ui.content_packs.feature import ContentPacks

    program.content_packs = ContentPacks(program.window, program.cards,
                                         **options)  # type: ignore[arg-type]
    program.content_packs.start()
    return program.content_packs


def build_program(kiosk: bool = False, settings: Settings | None = None,
                  phase: Callable[[str], None] = lambda _name: None) -> Program:
    """Everything `run` shows: the articles from the cache, the window and every
    feature, the crash handler installed and community mode on when `kiosk` is set or
    staff turned it on (then the window is already full screen). `phase` is told when
    each step is done (start-up timing)."""
    from reader.core.articles_source import ArticlesSource

    phase("window modules imported")
    settings = settings if settings is not None else Settings()
    source = ArticlesSource()
    articles = source.load()
    phase("articles loaded")
    parts = build_parts(settings, articles)
    phase("main window made")
    program = add_community(parts, kiosk_flag=kiosk, library_problems=lambda: source.problems)
    program.community.install_crash_handler()
    program.community.start()
    program.window.after_first_paint(
        lambda: start_content_packs(program, load_articles=source.load))
    return program
