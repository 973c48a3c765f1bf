"""`python -m reader article|convert` as staff and scripts use them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEEDS


def run(
    *args: str, stdin: bytes = b"", cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], input=stdin, capture_output=True, cwd=cwd or ROOT
    )


def test_article_json(tmp_path: Path) -> None:
    out = run("article", str(SEEDS[1]), "--json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr.decode()
    data = json.loads(out.stdout)
    assert data["title"] == "筑牢民生根基 增進民生福祉"
    assert data["script"] == "traditional"
    assert set(data) >= {"title", "deck", "byline", "script", "sections", "removed"}
    assert data["sections"][1]["heading"] == "衛生健康事業提質增效"
    assert {b["kind"] for s in data["sections"] for b in s["blocks"]} == {"paragraph", "caption"}
    assert len(data["removed"]) == 2


def test_article_in_the_other_script() -> None:
    out = run("article", str(SEEDS[1]), "--json", "--script", "simplified")
    data = json.loads(out.stdout)
    assert data["title"] == "筑牢民生根基 增进民生福祉" and data["script"] == "simplified"


def test_convert_both_ways() -> None:
    text = SEEDS[0].read_bytes()
    trad = run("convert", "--to", "traditional", stdin=text)
    assert trad.returncode == 0
    assert "織牢民生底線" in trad.stdout.decode()
    back = run("convert", "--to", "simplified", stdin=trad.stdout)
    assert "织牢民生底线" in back.stdout.decode()
    assert len(back.stdout.decode()) == len(text.decode())


def test_bad_file_one_line_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "坏.txt"
    bad.write_bytes(bytes(range(256)) * 4)
    for path in (bad, tmp_path / "missing.txt", tmp_path / "empty.txt"):
        if path.name == "empty.txt":
            path.write_bytes(b"")
        out = run("article", str(path), "--json")
        err = out.stderr.decode()
        assert out.returncode == 1
        assert "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
        assert str(path) in err
