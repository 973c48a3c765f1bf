from hypothesis import given
from hypothesis import strategies as st

from reader.core.screen_fit import Rect, fit_inside, fits

SMALL = Rect(0, 0, 1024, 560)  # 1024×600 less a 40 px taskbar


def test_a_window_larger_than_the_screen_is_shrunk_and_moved_in() -> None:
    assert fit_inside(Rect(100, 50, 1280, 800), SMALL) == Rect(0, 0, 1024, 560)


def test_a_window_half_off_the_screen_is_moved_back() -> None:
    assert fit_inside(Rect(900, 400, 600, 400), SMALL) == Rect(424, 160, 600, 400)


def test_a_window_already_inside_is_left_alone() -> None:
    window = Rect(10, 20, 800, 500)
    assert fit_inside(window, SMALL) == window


def test_a_screen_that_does_not_start_at_zero() -> None:
    second = Rect(1366, 0, 1024, 600)
    assert fit_inside(Rect(0, 0, 800, 600), second) == Rect(1366, 0, 800, 600)


@given(st.integers(-3000, 3000), st.integers(-3000, 3000),
       st.integers(1, 4000), st.integers(1, 4000))
def test_the_result_always_fits(x: int, y: int, width: int, height: int) -> None:
    assert fits(fit_inside(Rect(x, y, width, height), SMALL), SMALL)
