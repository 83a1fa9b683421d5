"""The tile-grid map of Mexico: every state once, in its own cell, coloured by its class."""

from decimal import Decimal

from django.template.loader import render_to_string

from abramos import geo
from abramos.tests.html import elements
from abramos.tilemap import CLASSES, POSITIONS, tile_map


def test_every_state_has_one_cell_of_its_own():
    assert set(POSITIONS) == {state.code for state in geo.states()}
    assert len(set(POSITIONS.values())) == 32


def test_values_fall_in_classes_up_to_the_largest_and_zero_has_its_own():
    values = {"09": Decimal("10"), "14": Decimal("5"), "19": Decimal("0.1"), "07": Decimal(0)}
    tiles = {tile.code: tile for tile in tile_map(values, title="T").tiles}
    assert tiles["09"].level == CLASSES
    assert tiles["14"].level == 3
    assert tiles["19"].level == 1
    assert tiles["07"].level == 0 and tiles["31"].level == 0 and tiles["31"].text == "—"


def test_small_counts_get_one_class_each():
    result = tile_map({"09": 2, "20": 1}, title="Sesiones")
    assert [entry.text for entry in result.legend] == ["0 / —", "1", "2"]
    assert {t.code: t.level for t in result.tiles if t.level} == {"09": 2, "20": 1}


def test_the_picture_is_hidden_from_screen_readers_and_uses_no_inline_style():
    html = render_to_string("includes/tile_map.html", {"map": tile_map({"09": 3}, title="Mapa")})
    hidden = [attrs for tag, attrs in elements(html) if attrs.get("aria-hidden") == "true"]
    assert len(hidden) == 2  # the grid and its legend; the page's table carries the figures
    assert "style=" not in html and html.count("tilemap__tile--r") == 32
    assert "CDMX" in html and 'title="Ciudad de México: 3"' in html


def test_larger_counts_get_classes_of_whole_numbers():
    result = tile_map({"09": 9, "20": 1}, title="Sesiones")
    assert [entry.text for entry in result.legend][1:] == [
        "0 – 2",
        "2 – 4",
        "4 – 6",
        "6 – 8",
        "8 – 10",
    ]
    assert {t.code: t.level for t in result.tiles if t.level} == {"09": 5, "20": 1}
