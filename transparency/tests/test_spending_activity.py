from decimal import Decimal

import pytest

from strategy.tests.factories import ActivityFactory
from transparency.selectors import ACTIVITY_EXPENSES_SHOWN
from transparency.tests.factories import ExpenseFactory


@pytest.mark.django_db
@pytest.mark.parametrize("count", [0, 3, ACTIVITY_EXPENSES_SHOWN + 5])
def test_the_activity_page_shows_its_spending_with_fixed_queries(
    client, stages, django_assert_max_num_queries, count
):
    activity = ActivityFactory(stage=stages[0], slug="foro")
    other = ActivityFactory(stage=stages[0], slug="otra")
    for index in range(count):
        ExpenseFactory(stage=stages[0], activity=activity, amount=Decimal("100.01") + index)
    ExpenseFactory(stage=stages[0], activity=other, amount=Decimal("5.00"))
    with django_assert_max_num_queries(3):
        response = client.get(f"/proceso/actividades/{activity.slug}/")
    assert response.status_code == 200
    if count == 0:
        assert 'id="gastos"' not in response.text
        return
    total = sum((Decimal("100.01") + i for i in range(count)), Decimal("0"))
    assert 'id="gastos"' in response.text
    assert f"${total:,.2f} MXN" in response.text
    assert "$5.00 MXN" not in response.text
    assert "?actividad=foro" in response.text
