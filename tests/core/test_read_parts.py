from reader.core.article import Block
from reader.core.ingest import ingest_bytes
from reader.core.read_parts import PART_CHARS, read_parts, readable
from tests.conftest import SEEDS


def para(n: int, length: int, kind: str = "paragraph") -> Block:
    return Block(f"p{n}", kind, "字" * length)  # type: ignore[arg-type]


def test_short_paragraphs_are_grouped_up_to_the_limit() -> None:
    blocks = [para(1, 100), para(2, 120), para(3, 90), para(4, 50)]
    assert read_parts(blocks) == [("p1", "p2"), ("p3", "p4")]


def test_a_long_paragraph_is_a_part_of_its_own_and_never_cut() -> None:
    blocks = [para(1, 50), para(2, 800), para(3, 40)]
    assert read_parts(blocks) == [("p1",), ("p2",), ("p3",)]


def test_captions_are_left_out() -> None:
    blocks = [para(1, 50), para(2, 30, "caption"), para(3, 40)]
    assert read_parts(blocks) == [("p1", "p3")]
    assert [b.id for b in readable(blocks)] == ["p1", "p3"]


def test_the_seeds_come_in_parts_a_listener_can_follow() -> None:
    for seed in SEEDS:
        article = ingest_bytes(seed.read_bytes(), seed.stem)
        for section in article.sections:
            parts = read_parts(section.blocks)
            ids = [i for part in parts for i in part]
            assert ids == [b.id for b in readable(section.blocks)]
            by_id = {b.id: len(b.text) for b in section.blocks}
            for part in parts:
                assert len(part) == 1 or sum(by_id[i] for i in part) <= PART_CHARS
