"""The command table (cli.HANDLERS) and doctor's providers (doctor.PROVIDERS) name their
functions as "module:function" strings, imported only when used. A moved or renamed
module would break them silently (doctor even skips a provider whose module is gone),
so every name is imported here."""

from __future__ import annotations

import importlib

import pytest

from reader import cli, cli_cards, doctor

TARGETS = sorted({*cli.HANDLERS.values(), *doctor.PROVIDERS})


@pytest.mark.parametrize("target", TARGETS)
def test_named_function_exists(target: str) -> None:
    module_name, _, function_name = target.partition(":")
    function = getattr(importlib.import_module(module_name), function_name, None)
    assert callable(function), f"{target}: no such function"


def test_card_commands_find_printing() -> None:
    """`cards --pdf` and `card --print` load printing by name too."""
    module = importlib.import_module(cli_cards.PRINTING_MODULE)
    assert cli_cards._printing() is module
