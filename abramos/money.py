"""Money: Mexican pesos as Decimal, written the way Mexican public finance writes them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENTAVO = Decimal("0.01")


def format_mxn(amount: Decimal | int | str | None) -> str:
    """`$1,234.56 MXN` (comma for thousands, point for decimals, as in Mexico), never a float.

    The same in both languages: it is how amounts appear in Mexican official documents.
    """
    if amount is None or amount == "":
        return ""
    value = Decimal(amount).quantize(CENTAVO, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.2f} MXN"
