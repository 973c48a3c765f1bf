"""Cases that need the official OpenCC binding (the reimplementation gets them wrong:
measured 227/556 of OpenCC's own checks), which is why the project depends on it."""

from __future__ import annotations

import pytest

from reader.core.script import convert


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [("发育", "發育"), ("乾安县", "乾安縣"), ("头发", "頭髮"), ("干部", "幹部")],
)
def test_hard_cases(simplified: str, traditional: str) -> None:
    assert convert(simplified, "traditional") == traditional
