import pytest

from reader.core.contrast import contrast_ratio, parse_colour, relative_luminance


def test_black_on_white_is_21_and_symmetric() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000") == pytest.approx(21.0)


def test_equal_colours_have_ratio_one() -> None:
    assert contrast_ratio("#777777", (0x77, 0x77, 0x77)) == pytest.approx(1.0)


def test_known_wcag_values() -> None:
    # #767676 on white is the classic "just passes AA" grey (4.54:1)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    # #595959 on white is about 7:1 (AAA)
    assert contrast_ratio("#595959", "#FFFFFF") == pytest.approx(7.0, abs=0.05)


def test_luminance_uses_the_srgb_curve() -> None:
    assert relative_luminance("#000") == 0.0
    assert relative_luminance("#fff") == pytest.approx(1.0)
    # green weighs most: pure green is much brighter than pure blue
    assert relative_luminance("#00ff00") > 9 * relative_luminance("#0000ff")


@pytest.mark.parametrize("bad", ["#12345", "red", "#1234567", ""])
def test_bad_colours_raise(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_colour(bad)


def test_short_hex_expands() -> None:
    assert parse_colour("#abc") == (0xAA, 0xBB, 0xCC)
