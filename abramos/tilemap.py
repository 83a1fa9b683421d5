"""A tile-grid map of Mexico: one equal square per state, roughly in its place.

No geometry to ship or draw: each state is a tile in a 9 × 6 grid, coloured by the class its
value falls in, with the state's abbreviation (INEGI) on it. It reads on a phone, where a real
outline would make Tlaxcala and the Ciudad de México a few pixels wide. A map is a picture for
sighted readers (`aria-hidden`); the table beside it carries the same figures for everyone.

    tiles = tile_map({"09": Decimal("12.5"), ...}, value_format=lambda v: f"{v}")
    {% include "includes/tile_map.html" with map=tiles %}

No inline style (strict CSP): a tile's row and column, and its colour class, are CSS classes
(static/css/tilemap.css).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from abramos import geo

# (row, column) of each state by its INEGI code: north-west at the top left, Yucatán at the
# right, Chiapas at the bottom.
POSITIONS = {
    "02": (0, 0), "26": (0, 1), "08": (0, 2), "05": (0, 3), "19": (0, 4),
    "03": (1, 0), "25": (1, 1), "10": (1, 2), "32": (1, 3), "24": (1, 4), "28": (1, 5),
    "18": (2, 1), "01": (2, 2), "11": (2, 3), "22": (2, 4), "13": (2, 5), "30": (2, 6),
    "14": (3, 1), "16": (3, 2), "15": (3, 3), "09": (3, 4), "29": (3, 5), "21": (3, 6),
    "31": (3, 8),
    "06": (4, 1), "12": (4, 2), "17": (4, 3), "20": (4, 4), "27": (4, 6), "04": (4, 7),
    "23": (4, 8),
    "07": (5, 5),
}  # fmt: skip
CLASSES = 5  # colour classes, from light to dark; 0 is "no value"
# INEGI's abbreviations, shortened where they would not fit a tile on a phone (12 px, ~36 px).
SHORT = {"04": "Cam", "23": "QRoo", "28": "Tam"}


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    abbreviation: str
    row: int
    column: int
    value: Decimal | int | None
    text: str  # the value as written in the legend and the title
    level: int  # 0: no value; 1..CLASSES, by the value's class


@dataclass(frozen=True)
class LegendEntry:
    level: int
    text: str


@dataclass(frozen=True)
class TileMap:
    title: str
    tiles: list[Tile]
    legend: list[LegendEntry]


def tile_map(
    values: Mapping[str, Decimal | int | None],
    *,
    title: str,
    value_format: Callable[[Decimal | int], str] = str,
    empty_text: str = "—",
) -> TileMap:
    """Tiles for the 32 states; classes of equal width from 0 to the largest value (zero and
    missing values have their own, lightest class)."""
    present = [v for v in values.values() if v is not None and v > 0]
    top = max(present, default=0)
    integers = all(isinstance(v, int) for v in present)
    # Small counts (sessions per state): one class per count, legend "1", "2"…; larger counts
    # in classes of whole numbers.
    counts = integers and top <= CLASSES
    if counts and top:
        step = Decimal(1)
    elif integers and top:
        step = Decimal(-(-top // CLASSES))  # rounded up
    else:
        step = Decimal(top) / CLASSES if top else Decimal(0)

    def level(value) -> int:
        if value is None or value <= 0 or not step:
            return 0
        return min(CLASSES, int(Decimal(value) / step - Decimal("0.000001")) + 1)

    tiles = []
    for state in geo.states():
        row, column = POSITIONS[state.code]
        value = values.get(state.code)
        tiles.append(
            Tile(
                code=state.code,
                name=state.name,
                abbreviation=SHORT.get(state.code, state.abbreviation.rstrip(".")),
                row=row,
                column=column,
                value=value,
                text=value_format(value) if value is not None else empty_text,
                level=level(value),
            )
        )
    legend = [LegendEntry(0, f"0 / {empty_text}")]
    if counts:
        legend += [LegendEntry(n, value_format(n)) for n in range(1, int(top) + 1)]
    else:
        for n in range(1, CLASSES + 1 if top else 1):
            low, high = step * (n - 1), step * n
            legend.append(LegendEntry(n, f"{value_format(low)} – {value_format(high)}"))
    return TileMap(title=title, tiles=tiles, legend=legend)
