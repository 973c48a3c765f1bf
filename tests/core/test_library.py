"""The article library: imports, duplicates, hiding, deleting, and never losing an
article to a crash or a damaged file."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.core.errors import ArticleFileError, ReaderError
from reader.core.library import DuplicateArticle, Library, preview_import
from reader.core.library_files import BACKUP, INDEX
from reader.paths import library_dir
from tests.conftest import SEEDS
from tests.support import import_samples as samples

SEED_IDS = {path.stem for path in SEEDS}


def ids(library: Library, include_hidden: bool = False) -> set[str]:
    return {a.id for a in library.articles(include_hidden)}


def snapshot(library: Library) -> dict[str, Any]:
    return {a.id: a.to_json() for a in library.articles(include_hidden=True)}


def test_new_library_has_the_seeds_and_nothing_on_disk() -> None:
    library = Library()
    assert ids(library) == SEED_IDS
    assert library.problems == []
    assert not (library_dir() / INDEX).exists()  # reading writes nothing


def test_add_keeps_source_and_article_and_survives_restart() -> None:
    library = Library()
    page = library.add(samples.PAGE)
    text = library.add(samples.GBK_TEXT)
    word = library.add(samples.word_file(), name="电梯.docx")
    assert page.title == samples.PAGE_TITLE and page.id.startswith("imp_")

    again = Library()
    assert again.problems == []
    assert ids(again) == SEED_IDS | {page.id, text.id, word.id}
    assert again.article(page.id) == page
    assert again.article(word.id).title == samples.DOCX_TITLE  # type: ignore[union-attr]
    folder = library_dir() / "articles" / page.id
    assert (folder / "source.html").read_bytes() == samples.PAGE.read_bytes()
    assert (folder / "article.json").exists()
    assert samples.PAGE.read_bytes() == samples.PAGE.read_bytes()  # the original untouched


def test_newest_first() -> None:
    library = Library()
    dated = library.add(samples.PAGE)  # says 2025-03-12
    undated = library.add(samples.BIG5_TEXT)  # no date, no year
    order = [a.id for a in library.articles()]
    assert order.index(dated.id) < order.index(undated.id)
    assert order[-1] == undated.id


def test_duplicates_are_refused_naming_the_existing_article() -> None:
    library = Library()
    page = library.add(samples.PAGE)
    same_page_other_format = samples.mhtml_of(samples.page_in("gbk", "gb2312"), "gbk")
    with pytest.raises(DuplicateArticle, match=samples.PAGE_TITLE) as caught:
        library.add(same_page_other_format, name="saved.mhtml")
    assert caught.value.existing.id == page.id
    with pytest.raises(DuplicateArticle, match="织牢民生底线"):
        library.add(SEEDS[0])
    library.hide(page.id)
    with pytest.raises(DuplicateArticle, match="隐藏"):
        library.add(samples.PAGE)
    assert len(Library().articles(include_hidden=True)) == len(SEEDS) + 1


def test_traditional_copy_of_an_article_is_a_duplicate() -> None:
    from reader.core.script import convert

    library = Library()
    library.add(samples.GBK_TEXT)
    text = samples.GBK_TEXT.read_bytes().decode("gbk")
    with pytest.raises(DuplicateArticle):
        library.add(convert(text, "traditional").encode("big5", "replace"), name="繁体.txt")


def test_hide_unhide_delete_and_seeds_cannot_be_deleted() -> None:
    library = Library()
    article = library.add(samples.GBK_TEXT)
    seed = sorted(SEED_IDS)[0]
    library.hide(article.id)
    library.hide(seed)
    assert ids(Library()) == SEED_IDS - {seed}
    assert ids(Library(), include_hidden=True) == SEED_IDS | {article.id}
    Library().unhide(seed)
    assert seed in ids(Library())
    with pytest.raises(ReaderError, match="不能删除"):
        library.delete(seed)
    library.delete(article.id)
    assert ids(Library(), include_hidden=True) == SEED_IDS
    assert not (library_dir() / "articles" / article.id).exists()
    with pytest.raises(ReaderError, match="没有这篇文章"):
        library.delete(article.id)
    with pytest.raises(ReaderError, match="没有这篇文章"):
        library.hide("imp_nothere")
    library.add(samples.GBK_TEXT)  # deleted, so no longer a duplicate


def test_refused_files_change_nothing(tmp_path: Path) -> None:
    library = Library()
    library.add(samples.PAGE)
    before = sorted(p.name for p in library_dir().rglob("*"))
    english = tmp_path / "readme.txt"
    english.write_text("This is a plain English note.\nNothing to read here.\n")
    with pytest.raises(ArticleFileError, match="几乎没有中文"):
        library.add(english)
    with pytest.raises(ArticleFileError, match="是空的"):
        library.add(b"", name="empty.txt")
    assert sorted(p.name for p in library_dir().rglob("*")) == before


def test_preview_restore_and_title_override_are_kept() -> None:
    preview = preview_import(samples.PAGE)
    assert not library_dir().exists()  # previewing writes nothing
    related = next(r for r in preview.removed if r.text == "社区养老服务中心年内再建20个")
    assert "社区养老服务中心年内再建20个" not in json.dumps(
        preview.article.to_json()["sections"], ensure_ascii=False
    )
    library = Library()
    shown = library.preview(samples.PAGE, restore_lines=[related.line_no], title_override=" 食堂 ")
    assert shown.article.title == "食堂"
    assert shown.duplicate_of is None
    saved = library.add(samples.PAGE, title_override="食堂", restore_lines=[related.line_no])
    assert saved.title == "食堂"
    texts = [b.text for b in saved.blocks()] + [saved.column]
    assert "社区养老服务中心年内再建20个" in texts

    # The cleaned copy is damaged: it is made again from the source with the same choices.
    (library_dir() / "articles" / saved.id / "article.json").write_text("{broken")
    again = Library()
    assert again.article(saved.id) == saved
    assert any("重新整理" in p for p in again.problems)
    assert Library().problems == []  # repaired on disk


# ---- atomic saving ------------------------------------------------------------------


class PowerCut(OSError):
    pass


@contextmanager
def steps_of_saving(monkeypatch: pytest.MonkeyPatch, cut_at: int | None) -> Iterator[list[str]]:
    """Count every write, fsync and replace; raise at step `cut_at` (a write is cut
    halfway: half its bytes reach the temp file, like a power cut mid-write)."""
    steps: list[str] = []
    real_fdopen, real_fsync, real_replace = os.fdopen, os.fsync, os.replace

    def step(name: str) -> None:
        steps.append(name)
        if cut_at is not None and len(steps) - 1 == cut_at:
            raise PowerCut(f"simulated power cut at {name}")

    class CutFile:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def write(self, data: bytes) -> int:
            try:
                step("write")
            except PowerCut:
                self.handle.write(data[: len(data) // 2])
                raise
            return int(self.handle.write(data))

        def __getattr__(self, name: str) -> Any:
            return getattr(self.handle, name)

        def __enter__(self) -> CutFile:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        return CutFile(real_fdopen(fd, *args, **kwargs))

    def fsync(fd: int) -> None:
        step("fsync")
        real_fsync(fd)

    def replace(src: Any, dst: Any) -> None:
        step(f"replace {Path(dst).name}")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fdopen", fdopen)
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    try:
        yield steps
    finally:
        monkeypatch.undo()


def base_library(tmp_path: Path) -> Path:
    """A library with one import and one hidden seed, copied for each crash."""
    folder = tmp_path / "base"
    library = Library(folder)
    library.add(samples.GBK_TEXT)
    library.hide(sorted(SEED_IDS)[0])
    return folder


Change = Callable[[Library], object]
CHANGES: dict[str, Change] = {
    "add": lambda lib: lib.add(samples.PAGE),
    "hide": lambda lib: lib.hide(next(a.id for a in lib.articles() if not lib.is_seed(a.id))),
    "unhide seed": lambda lib: lib.unhide(sorted(SEED_IDS)[0]),
    "delete": lambda lib: lib.delete(next(a.id for a in lib.articles() if not lib.is_seed(a.id))),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_power_cut_at_any_step_leaves_the_old_or_the_new_library(
    change: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = base_library(tmp_path)
    old = snapshot(Library(base))
    old_visible = ids(Library(base))

    finished = tmp_path / "finished"
    shutil.copytree(base, finished)
    with steps_of_saving(monkeypatch, None) as steps:
        CHANGES[change](Library(finished))
    new = snapshot(Library(finished))
    new_visible = ids(Library(finished))
    assert (new, new_visible) != (old, old_visible)
    assert any(s.startswith("replace index.json") for s in steps)

    for cut_at in range(len(steps)):
        trial = tmp_path / f"cut{cut_at}"
        shutil.copytree(base, trial)
        with steps_of_saving(monkeypatch, cut_at), pytest.raises(ReaderError):
            CHANGES[change](Library(trial))
        after = Library(trial)
        assert after.problems == [], (steps[cut_at], after.problems)
        state = (snapshot(after), ids(after))
        assert state in [(old, old_visible), (new, new_visible)], steps[cut_at]
        # ...and the library still works: the same change can be made again.
        if state[0] == old and state[1] == old_visible:
            CHANGES[change](after)
            assert (snapshot(Library(trial)), ids(Library(trial))) == (new, new_visible)


def test_leftover_temp_files_are_harmless(tmp_path: Path) -> None:
    base = base_library(tmp_path)
    stale = base / ".index.json.abc123.tmp"
    stale.write_bytes(b'{"format": 1, "articles": [')
    os.utime(stale, (1, 1))
    before = snapshot(Library(base))
    assert not stale.exists()
    assert snapshot(Library(base)) == before


# ---- damaged files ---------------------------------------------------------------------


def test_broken_index_is_kept_aside_and_rebuilt(tmp_path: Path) -> None:
    base = base_library(tmp_path)
    library = Library(base)
    page = library.add(samples.PAGE)  # saved after the backup was taken
    before = snapshot(library)
    visible = ids(library)
    garbage = b'{"format": 1, "articles": [{"id": "imp_\x00\xff'
    (base / INDEX).write_bytes(garbage)

    repaired = Library(base)
    assert snapshot(repaired) == before
    assert ids(repaired) == visible  # hidden seed still hidden (from the backup)
    assert page.id in ids(repaired)
    assert len(repaired.problems) == 1 and "坏了" in repaired.problems[0]
    kept = [p for p in base.iterdir() if ".broken" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == garbage
    assert kept[0].name in repaired.problems[0]
    assert Library(base).problems == []

    (base / INDEX).write_text("[]")  # broken again: the first broken copy is not overwritten
    Library(base)
    assert sorted(p.read_bytes() for p in base.iterdir() if ".broken" in p.name) == sorted(
        [garbage, b"[]"]
    )


def test_broken_index_without_backup(tmp_path: Path) -> None:
    base = base_library(tmp_path)
    before = snapshot(Library(base))
    (base / BACKUP).unlink()
    (base / INDEX).write_text('{"format": 1, "articles": [{"id": "../../etc"}]}')
    repaired = Library(base)
    assert snapshot(repaired) == before
    assert repaired.problems


def test_missing_index_is_rebuilt_from_the_article_folders(tmp_path: Path) -> None:
    base = base_library(tmp_path)
    before = snapshot(Library(base))
    (base / INDEX).unlink()
    repaired = Library(base)
    assert snapshot(repaired) == before
    assert any("不见了" in p for p in repaired.problems)


@pytest.mark.parametrize("index_damage", ["lost", "broken"])
def test_a_rebuild_brings_back_only_confirmed_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, index_damage: str
) -> None:
    base = base_library(tmp_path)
    before = snapshot(Library(base))
    # An import killed after its files were written but before the index named it.
    with steps_of_saving(monkeypatch, None) as steps:
        Library(tmp_path / "probe").add(samples.PAGE)
    cut = steps.index("replace index.json", 2)  # the first is the new library's empty index
    with steps_of_saving(monkeypatch, cut), pytest.raises(ReaderError):
        Library(base).add(samples.PAGE)
    assert len(list((base / "articles").iterdir())) == 2  # its folder is there
    assert snapshot(Library(base)) == before  # and it is not in the library

    if index_damage == "lost":
        (base / INDEX).unlink()
    else:
        (base / INDEX).write_bytes(b'{"format": 1, "articles": [')
    repaired = Library(base)
    assert snapshot(repaired) == before  # the killed import does not come back
    assert any("没有保存完" in p and "1 篇" in p for p in repaired.problems)
    assert len(list((base / "articles").iterdir())) == 2  # nothing deleted either


def test_a_deleted_article_never_comes_back_in_a_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.core.library as library_module

    base = base_library(tmp_path)
    library = Library(base)
    page = library.add(samples.PAGE)
    with monkeypatch.context() as killed:  # killed after the index, before the folder went
        killed.setattr(library_module.shutil, "rmtree", lambda *a, **k: None)
        library.delete(page.id)
    assert (base / "articles" / page.id / "article.json").exists()
    (base / INDEX).unlink()
    assert page.id not in ids(Library(base), include_hidden=True)


def test_a_library_from_before_confirmations_rebuilds_from_every_folder(tmp_path: Path) -> None:
    base = base_library(tmp_path)
    before = snapshot(Library(base))
    (base / "confirms").unlink()
    for mark in (base / "articles").glob("*/confirmed"):
        mark.unlink()
    (base / INDEX).unlink()
    assert snapshot(Library(base)) == before


def test_article_with_source_and_copy_both_gone_is_reported(tmp_path: Path) -> None:
    base = base_library(tmp_path)
    article_id = next(a.id for a in Library(base).articles() if a.id.startswith("imp_"))
    shutil.rmtree(base / "articles" / article_id)
    library = Library(base)
    assert article_id not in ids(library, include_hidden=True)
    assert any("读不出来" in p for p in library.problems)
    assert ids(library) >= SEED_IDS - {sorted(SEED_IDS)[0]}


# ---- command line ---------------------------------------------------------------------


def test_import_and_library_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docx = tmp_path / "电梯.docx"
    docx.write_bytes(samples.word_file())
    assert main(["import", str(samples.PAGE), str(docx)]) == 0
    out = capsys.readouterr().out
    assert samples.PAGE_TITLE in out and samples.DOCX_TITLE in out and "imp_" in out

    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\n")
    assert main(["import", str(bad), str(samples.PAGE), str(samples.GBK_TEXT)]) == 1
    captured = capsys.readouterr()
    assert "scan.pdf" in captured.err and "PDF" in captured.err
    assert "已经在文章库里" in captured.err
    assert "冬季供暖服务热线开通" in captured.out
    assert "Traceback" not in captured.err

    Library().hide(sorted(SEED_IDS)[0])
    assert main(["library"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(SEEDS) + 3
    assert sum("（已隐藏）" in line for line in lines) == 1
    assert sum("（自带）" in line for line in lines) == len(SEEDS)
    assert any(line.startswith("imp_") and samples.PAGE_TITLE in line for line in lines)


def test_doctor_reports_library_problems(tmp_path: Path) -> None:
    from reader.cli_library import doctor_checks

    checks = {c.name: c for c in doctor_checks()}
    assert checks["导入网页和 Word 文件"].ok
    assert checks["文章库"].ok and str(len(SEEDS)) in checks["文章库"].detail
    Library().add(samples.GBK_TEXT)
    (library_dir() / INDEX).write_text("not json")
    checks = {c.name: c for c in doctor_checks()}
    assert not checks["文章库"].ok and "坏了" in checks["文章库"].detail


def test_window_can_hand_in_its_cached_seeds() -> None:
    from reader.core.formats import read_article

    seed = read_article(SEEDS[0])
    library = Library(seeds=lambda: [seed])
    assert [a.id for a in library.articles()] == [seed.id]
    with pytest.raises(ReaderError, match="不能删除"):
        library.delete(seed.id)


def test_two_windows_see_each_others_changes() -> None:
    home, staff = Library(), Library()
    added = staff.add(samples.BIG5_TEXT)
    assert home.article(added.id) is None
    home.reload()
    assert home.article(added.id) == added
    home.hide(sorted(SEED_IDS)[0])
    staff.delete(added.id)  # reloads first: keeps the hidden seed home just set
    assert ids(Library(), include_hidden=True) == SEED_IDS
    assert ids(Library()) == SEED_IDS - {sorted(SEED_IDS)[0]}


ADDER = """
import sys
from pathlib import Path
from reader.core.library import Library
from tests.support import import_samples as samples

folder, worker, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
text = samples.GBK_TEXT.read_bytes().decode("gbk")
for n in range(count):
    extra = f"\\n\\n补充说明：第{worker}组第{n}号楼旁边新设了一个供暖报修点。\\n"
    Library(folder).add((text + extra).encode("utf-8"), name=f"w{worker}_{n}.txt")
"""


def test_imports_from_several_programs_at_once_are_all_kept(tmp_path: Path) -> None:
    """The staff window and `python -m reader import` may save at the same moment: each
    change is made on the library as it is on disk then, so none is lost."""
    import subprocess
    import sys

    workers, each = 4, 5
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    running = [
        subprocess.Popen([sys.executable, "-c", ADDER, str(tmp_path), str(w), str(each)],
                         env=env, stderr=subprocess.PIPE, text=True)
        for w in range(workers)
    ]
    for process in running:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    library = Library(tmp_path)
    assert library.problems == []
    imported = [item for item in library.items() if not item.seed]
    assert len(imported) == workers * each
    assert len(list((tmp_path / "articles").iterdir())) == workers * each


def test_a_library_held_by_another_program_is_refused_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    from reader.core import library as library_module

    library = Library(tmp_path)
    seed = next(iter(SEED_IDS))
    monkeypatch.setattr(library_module, "LOCK_WAIT_S", 0.2)
    with FileLock(tmp_path / library_module.LOCK):  # another program is saving
        with pytest.raises(ReaderError) as refused:
            library.hide(seed)
    assert "另一个窗口" in refused.value.message
    assert seed in ids(Library(tmp_path))  # nothing changed
    library.hide(seed)  # and once it is free, the change is made
    assert seed not in ids(Library(tmp_path))
