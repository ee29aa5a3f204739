"""Server-side SVG charts: text as text, stable bytes, nothing executable."""

from decimal import Decimal

from styra.indicators.charts import MAX_SERIES, Series, outcome_chart

PERIODS = ["2025VB", "2026T1", "2026T2"]


def chart(**kwargs):
    defaults = dict(
        periods=PERIODS,
        series=[Series("Enhet A", [Decimal(70), Decimal("85.5"), None])],
        target=[Decimal(75), Decimal(80), Decimal(80)],
        unit="procent (%)",
    )
    return outcome_chart(**{**defaults, **kwargs})


def test_it_is_an_inline_svg_with_text_as_text():
    svg = chart()
    assert svg.startswith("<svg")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg
    for text in ("Enhet A", "Årsmål", "2026T1", "procent (%)"):
        assert text in svg


def test_it_gives_the_same_bytes_for_the_same_data():
    assert chart() == chart()


def test_it_escapes_labels_and_has_no_script():
    svg = chart(series=[Series('<script>alert("x")</script>', [1, 2, 3])])
    assert "<script" not in svg.lower()
    assert "&lt;script&gt;" in svg


def test_it_draws_without_a_target_and_with_gaps():
    svg = chart(series=[Series("A", [None, None, None]), Series("B", [1, None, 3])], target=None)
    assert "Årsmål" not in svg
    assert ">B<" in svg.replace("</text>", "<")


def test_it_draws_at_most_the_maximum_number_of_lines():
    many = [Series(f"Enhet {i:02}", [1, 2, 3]) for i in range(MAX_SERIES + 3)]
    svg = chart(series=many)
    assert f"Enhet {MAX_SERIES - 1:02}" in svg
    assert f"Enhet {MAX_SERIES:02}" not in svg


def tick_labels(svg: str) -> list[str]:
    """The y axis's tick labels: matplotlib writes each in a group `ytick_<n>`."""
    import re

    chunks = svg.split('<g id="ytick_')[1:]
    return [re.search(r"<text[^>]*>([^<]*)</text>", c).group(1) for c in chunks]


def test_the_axis_writes_thousands_and_decimals_the_swedish_way():
    big = tick_labels(chart(series=[Series("A", [Decimal(12000), Decimal(25500), None])]))
    assert "10\xa0000" in big and "20\xa0000" in big, big
    assert not any("." in t or "," in t for t in big), big
    small = tick_labels(
        chart(series=[Series("A", [Decimal("0.5"), Decimal("2.5"), None])], target=None)
    )
    assert "0,5" in small and "1,5" in small, small
    assert not any("." in t for t in small), small
    negative = tick_labels(
        chart(series=[Series("A", [Decimal(-2), Decimal(2), None])], target=None)
    )
    assert "−2" in negative or "−1" in negative, negative
