from reader.core.typography import (
    DEFAULT_BODY_PT,
    LINE_HEIGHT,
    MAX_BODY_PT,
    MIN_BODY_PT,
    PARAGRAPH_GAP_LINES,
    SIZE_STEPS,
    UI_LABEL_PT,
    nearest_step,
    sizes_for,
    step_down,
    step_up,
)


def test_steps_cover_18_to_48_with_default_26_in_at_least_7_steps() -> None:
    assert (MIN_BODY_PT, MAX_BODY_PT, DEFAULT_BODY_PT) == (18, 48, 26)
    assert SIZE_STEPS[0] == 18 and SIZE_STEPS[-1] == 48
    assert DEFAULT_BODY_PT in SIZE_STEPS
    assert len(SIZE_STEPS) - 1 >= 7
    assert list(SIZE_STEPS) == sorted(set(SIZE_STEPS))


def test_stepping_walks_every_size_and_stops_at_the_ends() -> None:
    seen = [MIN_BODY_PT]
    while step_up(seen[-1]) != seen[-1]:
        seen.append(step_up(seen[-1]))
    assert tuple(seen) == SIZE_STEPS
    assert step_up(MAX_BODY_PT) == MAX_BODY_PT
    assert step_down(MIN_BODY_PT) == MIN_BODY_PT
    assert step_down(step_up(26)) == 26


def test_nearest_step_cleans_hand_edited_values() -> None:
    assert nearest_step(27) == 26
    assert nearest_step(100) == 48
    assert nearest_step(0) == 18


def test_derived_sizes_follow_the_rules_at_every_step() -> None:
    assert LINE_HEIGHT >= 1.6 and PARAGRAPH_GAP_LINES >= 1.0 and UI_LABEL_PT >= 20
    for body in SIZE_STEPS:
        sizes = sizes_for(body)
        assert sizes.title >= 1.4 * body
        assert sizes.heading > body and sizes.deck > body
        assert min(sizes.byline, sizes.caption, sizes.tile_detail) >= 18
        assert sizes.page_heading >= 30  # MIIT: largest text on a main screen ≥ 30 pt
