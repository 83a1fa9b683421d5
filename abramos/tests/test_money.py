from decimal import Decimal

import pytest
from django.template import Context, Template

from abramos.money import format_mxn


@pytest.mark.parametrize(
    ("amount", "written"),
    [
        (Decimal("1234.56"), "$1,234.56 MXN"),
        (Decimal("0.01"), "$0.01 MXN"),
        (Decimal("1000000"), "$1,000,000.00 MXN"),
        (Decimal("-15.5"), "-$15.50 MXN"),
        (12, "$12.00 MXN"),
        ("99999999.99", "$99,999,999.99 MXN"),
        (None, ""),
    ],
)
def test_amounts_are_written_as_mexican_pesos(amount, written):
    assert format_mxn(amount) == written


def test_the_template_filter_writes_the_same():
    html = Template("{% load abramos %}{{ amount|mxn }}").render(
        Context({"amount": Decimal("1234.5")})
    )
    assert html == "$1,234.50 MXN"
