from pathlib import Path

from reader.core.ini_check import ini_problem


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "settings.ini"
    path.write_bytes(data)
    return path


def test_absent_and_good_files_have_no_problem(tmp_path: Path) -> None:
    assert ini_problem(tmp_path / "missing.ini") is None
    good = b"[display]\nfont_size=30\nscript=traditional\n\n; comment\n[window]\ngeometry=01ab\n"
    assert ini_problem(write(tmp_path, good)) is None


def test_garbage_nul_and_non_utf8_are_problems(tmp_path: Path) -> None:
    assert ini_problem(write(tmp_path, bytes(range(256)) * 4))
    assert ini_problem(write(tmp_path, b"\x00\x00\x00"))
    assert ini_problem(write(tmp_path, b"[display]\nfont_size=\xff\xfe\n"))


def test_a_line_that_is_neither_section_nor_key_is_named(tmp_path: Path) -> None:
    problem = ini_problem(write(tmp_path, b"[display]\nfont_size=30\nhello world\n"))
    assert problem is not None and "第 3 行" in problem
    assert ini_problem(write(tmp_path, b"[display\nfont_size=30\n"))


def test_a_folder_in_place_of_the_file_is_a_problem(tmp_path: Path) -> None:
    folder = tmp_path / "settings.ini"
    folder.mkdir()
    assert ini_problem(folder)
