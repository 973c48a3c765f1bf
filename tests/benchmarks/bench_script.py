"""How the program's 简/繁 conversion scores on OpenCC's own test cases for the two
configs it uses (s2tw to 繁體, tw2s to 简体). Prints numbers; nothing is asserted.

The cases are OpenCC's `test/testcases/testcases.json`, read from a clone of OpenCC:
`OPENCC_TESTCASES=/path/to/testcases.json python -m tests.benchmarks bench_script`.
The program's own conversion differs from bare OpenCC in two ways that can move the
score: the length is always kept, and a few zhù words keep 著 in 简体.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from opencc import OpenCC

from reader.core.article import Script
from reader.core.script import convert

TARGETS: dict[str, Script] = {"s2tw": "traditional", "tw2s": "simplified"}


def load_cases(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r",(\s*[}\]])", r"\1", text)  # the file has trailing commas
    return list(json.loads(text)["cases"])


def main() -> None:
    where = os.environ.get("OPENCC_TESTCASES", "")
    if not where or not Path(where).is_file():
        print("set OPENCC_TESTCASES to OpenCC's test/testcases/testcases.json to measure")
        return
    cases = load_cases(Path(where))
    for config, target in TARGETS.items():
        bare = OpenCC(config)
        mine = [c for c in cases if config in c["expected"]]
        ours = sum(convert(c["input"], target) == c["expected"][config] for c in mine)
        theirs = sum(bare.convert(c["input"]) == c["expected"][config] for c in mine)
        kept = sum(len(convert(c["input"], target)) == len(c["input"]) for c in mine)
        print(f"{config}: program {ours}/{len(mine)}, bare OpenCC {theirs}/{len(mine)}, "
              f"length kept {kept}/{len(mine)}")
        for c in mine:
            got = convert(c["input"], target)
            if got != c["expected"][config]:
                print(f"  {c['id']}: {c['input']} -> {got} (expected {c['expected'][config]})")
