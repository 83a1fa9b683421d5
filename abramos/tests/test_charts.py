from decimal import Decimal

from django.template.loader import render_to_string

from abramos.charts import bar_chart
from abramos.tests.html import elements


def test_bars_are_proportional_to_the_largest_value():
    chart = bar_chart([("A", 10), ("B", 5), ("C", 0)], title="T")
    widths = [bar.width for bar in chart.bars]
    assert widths[0] == 2 * widths[1]
    assert widths[2] == 0
    assert [bar.share for bar in chart.bars] == [Decimal("66.7"), Decimal("33.3"), Decimal("0.0")]


def test_money_keeps_every_centavo_in_the_written_figures():
    chart = bar_chart(
        [("Viáticos", Decimal("1234.56")), ("Sedes", Decimal("0.01"))],
        title="Gasto",
        value_format=lambda v: f"${v:,.2f} MXN",
    )
    assert chart.total_text == "$1,234.57 MXN"
    assert chart.bars[1].text == "$0.01 MXN"


def test_the_chart_is_hidden_from_screen_readers_and_the_table_carries_the_figures():
    chart = bar_chart([("Academia", 3), ("Sociedad civil", 7)], title="Por sector")
    html = render_to_string("includes/bar_chart.html", {"chart": chart})
    (bars,) = [attrs for tag, attrs in elements(html) if "chart__bars" in attrs.get("class", "")]
    assert bars["aria-hidden"] == "true"
    assert len([tag for tag, _ in elements(html) if tag == "svg"]) == 2  # one per bar
    # Labels and values are HTML text, never SVG text that shrinks with the picture.
    assert "<text" not in html and '<span class="chart__label">Sociedad civil</span>' in html
    rows = [tag for tag, _ in elements(html) if tag == "tr"]
    assert len(rows) == 4  # heading, two categories, total
    assert "Sociedad civil" in html and ">7<" in html and ">10<" in html
    assert "<script" not in html and "style=" not in html


def test_an_empty_chart_says_so_instead_of_drawing_nothing():
    html = render_to_string("includes/bar_chart.html", {"chart": bar_chart([], title="Vacío")})
    assert "<svg" not in html
    assert "Vacío" in html
