"""Hostile and damaged files end in a moment: read, or refused with one plain line.
Their time and memory are printed by tests/benchmarks/bench_import_limits.py."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from reader.core import limits
from reader.core.decode import decode_bytes
from reader.core.errors import ArticleFileError, ReaderError
from reader.core.formats import display_name, read_bytes
from reader.core.formats_docx import _resolve_levels
from reader.core.library import LOCK, Library
from tests.conftest import ROOT
from tests.support import hostile_imports as hostile
from tests.support import import_fuzz as fuzz


def all_text(article_text: list[str]) -> str:
    return "\n".join(article_text)


def texts(data: bytes, name: str) -> list[str]:
    article = read_bytes(data, name)
    return [article.title, *(block.text for block in article.blocks())]


def run(*args: str, env: dict[str, str] | None = None,
        cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, timeout=120,
    )


def one_plain_line(out: subprocess.CompletedProcess[bytes], name: str) -> str:
    err = out.stderr.decode("utf-8")
    assert out.returncode == 1
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith(f"错误：{name}：")
    return err


# ---- size and shape limits ------------------------------------------------------------


@pytest.mark.parametrize("breaks", [100_000, 500_000])
def test_a_page_of_endless_line_breaks_is_read(breaks: int) -> None:
    data = hostile.br_page(breaks)
    assert len(data) > 400_000
    lines = texts(data, "breaks.html")
    assert lines[0] == "社区食堂开业了"
    assert lines[1] == hostile.PARAGRAPH


def test_a_page_of_too_many_elements_is_refused() -> None:
    with pytest.raises(ArticleFileError, match="网页元素太多") as caught:
        read_bytes(hostile.crowded_page(2 * limits.MAX_HTML_ELEMENTS), "crowded.html")
    assert str(limits.MAX_HTML_ELEMENTS) in caught.value.detail


def test_a_busy_page_under_the_limit_is_read() -> None:
    lines = texts(hostile.crowded_page(limits.MAX_HTML_ELEMENTS // 2), "busy.html")
    assert hostile.PARAGRAPH in lines


def test_a_million_empty_word_paragraphs_are_refused() -> None:
    data = hostile.empty_paragraphs_docx(1_000_000)
    assert len(data) < 200_000
    with pytest.raises(ArticleFileError, match="太多了"):
        read_bytes(data, "empty.docx")


def test_empty_word_paragraphs_under_the_limit_are_read() -> None:
    lines = texts(hostile.empty_paragraphs_docx(20_000), "empty.docx")
    assert hostile.PARAGRAPH in lines


def test_a_deep_based_on_chain_still_finds_the_heading() -> None:
    article = read_bytes(hostile.based_on_chain_docx(50_000), "chain.docx")
    # The chain ends at "heading 1": the paragraph in style s0 is the title
    assert article.title == "开业时间"
    assert [b.text for b in article.blocks()] == [hostile.PARAGRAPH]


def test_based_on_levels_follow_chains_and_stop_at_loops() -> None:
    own = {"a": None, "b": None, "c": 2, "x": None, "y": None, "alone": None}
    based_on = {"a": "b", "b": "c", "x": "y", "y": "x", "alone": "missing"}
    assert _resolve_levels(own, based_on) == {"a": 2, "b": 2, "c": 2}


def test_a_text_of_millions_of_lines_is_refused() -> None:
    with pytest.raises(ArticleFileError, match="太多了"):
        read_bytes(hostile.one_character_lines(19), "lines.txt")


def test_too_many_short_lines_are_refused_before_cleaning() -> None:
    data = ("字\n" * (limits.MAX_PARAGRAPHS + 1)).encode("utf-8")
    with pytest.raises(ArticleFileError, match="段落太多") as caught:
        read_bytes(data, "lines.txt")
    assert str(limits.MAX_PARAGRAPHS) in caught.value.detail


# ---- the article, never the ads ---------------------------------------------------------


def test_an_embedded_player_does_not_swallow_the_article() -> None:
    article = read_bytes(hostile.embed_page(), "gov.html")
    body = [block.text for block in article.blocks()]
    assert article.title == "社区食堂开业了"
    assert [f"{hostile.PARAGRAPH}第{i}段。" for i in range(1, 5)] == body
    shown = "\n".join([article.title, *body])
    assert hostile.EMBED_AD not in shown and hostile.EMBED_FOOTER not in shown
    removed = "\n".join(r.text for r in article.removed)
    assert hostile.EMBED_AD in removed and hostile.EMBED_FOOTER in removed


# ---- one line, exit 1 ---------------------------------------------------------------


def test_nested_saved_page_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "nested.mht"
    path.write_bytes(hostile.nested_mhtml(5000))
    with pytest.raises(ArticleFileError):
        read_bytes(path.read_bytes(), path.name)
    one_plain_line(run("article", str(path)), str(path))


def test_a_saved_page_with_one_level_of_parts_is_still_read() -> None:
    assert hostile.PARAGRAPH in texts(hostile.nested_mhtml(1), "page.mht")


def _gbk_named_file(folder: Path) -> tuple[bytes, str]:
    name = "社区食堂通知.txt"
    raw = os.path.join(os.fsencode(folder), name.encode("gb18030"))
    with open(raw, "wb") as handle:
        handle.write(f"社区食堂开业了\n\n{hostile.PARAGRAPH}\n".encode())
    return raw, name


def test_a_gbk_file_name_is_shown_as_chinese(tmp_path: Path) -> None:
    raw, name = _gbk_named_file(tmp_path)
    assert display_name(os.fsdecode(os.path.basename(raw))) == name
    out = run("article", "--json", os.fsdecode(raw))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout.decode("utf-8"))  # strict: valid UTF-8
    assert data["id"] == "社区食堂通知"


def test_a_gbk_file_name_imports(tmp_path: Path) -> None:
    raw, name = _gbk_named_file(tmp_path)
    out = run("import", os.fsdecode(raw), env={"XDG_DATA_HOME": str(tmp_path / "data")})
    assert out.returncode == 0, out.stderr
    assert "社区食堂开业了" in out.stdout.decode("utf-8")
    items = Library(tmp_path / "data" / "dazi-reader" / "library").items()
    (imported,) = [item for item in items if not item.seed]
    assert imported.article.title == "社区食堂开业了"
    assert imported.article.source_name == name


def test_an_unreadable_gbk_named_file_is_one_line(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), "坏文件.txt".encode("gb18030"))
    with open(raw, "wb") as handle:
        handle.write(bytes(range(256)) * 4)
    out = run("import", os.fsdecode(raw), env={"XDG_DATA_HOME": str(tmp_path / "data")})
    err = one_plain_line(out, str(tmp_path / "坏文件.txt"))
    assert "坏文件.txt" in err


def test_a_library_folder_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    library = tmp_path / "data" / "dazi-reader" / "library"
    # A lock that cannot be made (as in a read-only folder, which root could still
    # write to): filelock raises an OSError, not its Timeout.
    (library / LOCK).mkdir(parents=True)
    source = tmp_path / "notice.txt"
    source.write_text(f"社区食堂开业了\n\n{hostile.PARAGRAPH}\n", encoding="utf-8")
    with pytest.raises(ReaderError, match="没能写进文章库"):
        Library(library).add(source)
    out = run("import", str(source), env={"XDG_DATA_HOME": str(tmp_path / "data")})
    assert "没能写进文章库" in one_plain_line(out, str(source))


# ---- a stray byte -------------------------------------------------------------------


def test_utf8_with_a_stray_byte_is_read_and_the_line_named() -> None:
    data = hostile.utf8_with_stray_byte()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    _text, encoding = decode_bytes(data, "notice.txt")
    assert encoding == "utf-8"
    article = read_bytes(data, "notice.txt")
    assert article.damaged_lines == (3,)
    first, second = (block.text for block in article.blocks())
    assert first == hostile.PARAGRAPH.replace("送", "\ufffd")  # one mark for the broken character
    assert second == hostile.PARAGRAPH


def test_gbk_is_not_mistaken_for_damaged_utf8() -> None:
    data = f"社区食堂开业了\n\n{hostile.PARAGRAPH}\n".encode("gb18030")
    text, encoding = decode_bytes(data, "notice.txt")
    assert encoding == "gb18030" and hostile.PARAGRAPH in text


def test_a_file_mostly_broken_is_still_refused() -> None:
    data = hostile.PARAGRAPH.encode("utf-8")[::2] * 20
    with pytest.raises(ArticleFileError, match="读不出文字"):
        decode_bytes(data, "broken.txt")


# ---- fuzzing: any damage gives an article or one plain refusal -----------------------

_SEEDS = fuzz.seeds()


@pytest.mark.parametrize("kind", fuzz.KINDS)
@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_damaged_files_give_an_article_or_a_plain_refusal(kind: str, seed: int) -> None:
    data = fuzz.variant(kind, random.Random(seed), _SEEDS)
    try:
        article = read_bytes(data, fuzz.NAMES[kind])
    except ArticleFileError as exc:
        event("refused")
        assert exc.message and "\n" not in exc.message
        return
    event("read")
    assert article.title or any(True for _ in article.blocks())
    json.dumps(article.to_json(), ensure_ascii=False).encode("utf-8")  # always valid text


def test_a_few_control_codes_from_flipped_bytes_are_marked_not_refused() -> None:
    text = f"社区食堂开业了\n\n{hostile.PARAGRAPH * 3}\n\n{hostile.PARAGRAPH}\n"
    data = bytearray(text.encode("gb18030"))
    for at in (30, 60, 90):  # inside the long paragraph
        data[at:at + 2] = b"\x01\x02"
    article = read_bytes(bytes(data), "notice.txt")
    assert article.encoding == "gb18030" and article.damaged_lines == (3,)
    assert next(article.blocks()).text.count("\ufffd") == 6


def test_binary_read_as_gbk_is_still_refused() -> None:
    rng = random.Random(7)
    noise = bytes(rng.randrange(256) for _ in range(4000))
    with pytest.raises(ArticleFileError, match="读不出文字"):
        decode_bytes(noise, "photo.txt")


def test_a_bug_in_reading_is_one_line_and_logged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader import cli, paths
    from reader.core import formats

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug in the reader")

    monkeypatch.setattr(formats, "read_article", broken)
    monkeypatch.setattr(formats, "read_bytes", broken)
    source = tmp_path / "notice.txt"
    source.write_text(f"社区食堂开业了\n\n{hostile.PARAGRAPH}\n", encoding="utf-8")
    for command in ("article", "import"):
        assert cli.main([command, str(source)]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"错误：{source}：读的时候出了意外") and err.count("\n") == 1
    logged = paths.log_file().read_text(encoding="utf-8")
    assert logged.count("RuntimeError: a bug in the reader\nTraceback") == 2  # both, in full
