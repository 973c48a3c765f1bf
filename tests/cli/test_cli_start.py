"""A plain `python -m reader` skips building the argument parser (start-up time): it
must behave exactly as if the parser had read an empty command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

import pytest

from reader import cli


class Handlers:
    """Stands in for cli._handler: records which command ran with which arguments."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, argparse.Namespace]] = []

    def __call__(self, command: str) -> Callable[[argparse.Namespace], int]:
        def handle(args: argparse.Namespace) -> int:
            self.seen.append((command, args))
            return 0
        return handle


def test_plain_start_is_what_the_parser_gives_for_no_arguments() -> None:
    assert cli.build_parser().parse_args([]) == cli.PLAIN_START


@pytest.mark.parametrize("argv", [[], None])
def test_plain_start_runs_the_window_with_those_arguments(
        monkeypatch: pytest.MonkeyPatch, argv: list[str] | None) -> None:
    monkeypatch.setattr(sys, "argv", ["reader"])
    handlers = Handlers()
    monkeypatch.setattr(cli, "_handler", handlers)
    assert cli.main(argv) == 0
    assert handlers.seen == [("run", cli.build_parser().parse_args([]))]
    handlers.seen[0][1].kiosk = True  # each start gets its own namespace
    assert cli.PLAIN_START.kiosk is False


def test_any_argument_still_goes_through_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    handlers = Handlers()
    monkeypatch.setattr(cli, "_handler", handlers)
    assert cli.main(["--kiosk"]) == 0
    assert handlers.seen == [("run", argparse.Namespace(kiosk=True, command=None))]
    with pytest.raises(SystemExit):
        cli.main(["--no-such-option"])
